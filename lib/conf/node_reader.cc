#include "lib/conf/node_reader.h"

#include <algorithm>

namespace vireo::conf {

std::optional<std::string> NodeReader::attr(std::string_view name) {
  for (std::size_t i = 0; i < e_.attrs.size(); ++i)
    if (e_.attrs[i].first == name) {
      attrTaken_[i] = true;
      return e_.attrs[i].second;
    }
  return std::nullopt;
}

std::string NodeReader::attrOr(std::string_view name, std::string_view fallback) {
  auto v = attr(name);
  return v ? *v : std::string(fallback);
}

const xml::Element* NodeReader::child(std::string_view name) {
  for (std::size_t i = 0; i < e_.children.size(); ++i)
    if (e_.children[i].isElement() && e_.children[i].name == name) {
      childTaken_[i] = true;
      return &e_.children[i];
    }
  return nullptr;
}

std::vector<const xml::Element*> NodeReader::children(std::string_view name) {
  std::vector<const xml::Element*> out;
  for (std::size_t i = 0; i < e_.children.size(); ++i)
    if (e_.children[i].isElement() && e_.children[i].name == name) {
      childTaken_[i] = true;
      out.push_back(&e_.children[i]);
    }
  return out;
}

std::optional<std::string> NodeReader::childText(std::string_view name) {
  const xml::Element* c = child(name);
  if (!c) return std::nullopt;
  return c->textContent();
}

Unparsed NodeReader::rest() const {
  Unparsed u;
  for (std::size_t i = 0; i < e_.attrs.size(); ++i)
    if (!attrTaken_[i]) u.attrs.push_back(e_.attrs[i]);
  for (std::size_t i = 0; i < e_.children.size(); ++i)
    if (!childTaken_[i] && e_.children[i].isElement()) u.children.push_back(e_.children[i]);
  return u;
}

void appendUnparsed(xml::Element& e, const Unparsed& u) {
  for (const auto& [k, v] : u.attrs)
    if (!e.hasAttr(k)) e.attrs.emplace_back(k, v);
  for (const auto& c : u.children) e.children.push_back(c);
}

namespace {

std::size_t rank(const std::vector<std::string_view>& order, std::string_view name) {
  // "*" in an order list marks where names not in the list go.
  auto it = std::find(order.begin(), order.end(), name);
  if (it == order.end()) it = std::find(order.begin(), order.end(), "*");
  return it == order.end() ? order.size() : static_cast<std::size_t>(it - order.begin());
}

}  // namespace

void orderChildren(xml::Element& e, const std::vector<std::string_view>& order) {
  // Text children only occur in leaf elements, which need no ordering.
  if (!e.hasElementChildren()) return;
  std::stable_sort(e.children.begin(), e.children.end(), [&](const xml::Element& a, const xml::Element& b) {
    return rank(order, a.name) < rank(order, b.name);
  });
}

void orderAttrs(xml::Element& e, const std::vector<std::string_view>& order) {
  std::stable_sort(e.attrs.begin(), e.attrs.end(), [&](const auto& a, const auto& b) {
    return rank(order, a.first) < rank(order, b.first);
  });
}

}  // namespace vireo::conf
