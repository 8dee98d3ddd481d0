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

void dropComments(xml::Element& e) {
  std::erase_if(e.children, [](const xml::Element& c) { return c.kind == xml::Element::Kind::Comment; });
  for (auto& c : e.children)
    if (c.isElement()) dropComments(c);
}

void appendUnparsed(xml::Element& e, const Unparsed& u) {
  for (const auto& [k, v] : u.attrs)
    if (!e.hasAttr(k)) e.attrs.emplace_back(k, v);
  for (const auto& c : u.children) e.children.push_back(c);
}

std::size_t orderRank(const std::vector<std::string_view>& order, std::string_view name) {
  // "*" in an order list marks where names not in the list go.
  std::size_t star = order.size();
  for (std::size_t i = 0; i < order.size(); ++i) {
    std::string_view o = order[i];
    // The first character rules out most entries without a memcmp() call.
    if (o.size() == name.size() && (o.empty() || o[0] == name[0]) && o == name) return i;
    if (star == order.size() && o == "*") star = i;
  }
  return star;
}

bool childrenInOrder(const xml::Element& e, const std::vector<std::string_view>& order) {
  if (!e.hasElementChildren()) return true;
  std::size_t last = 0;
  for (const auto& c : e.children) {
    std::size_t r = orderRank(order, c.name);
    if (r < last) return false;
    last = r;
  }
  return true;
}

namespace {

// A stable sort of `items` by the rank of their names in `order`. Every
// formatted element goes through here, and nearly all of them are already in
// order, so the ranks are computed once per item and the sort is skipped
// when they do not decrease; otherwise indices are sorted, not the items
// (an xml::Element is expensive to move around).
template <typename T, typename NameOf>
void stableOrder(std::vector<T>& items, const std::vector<std::string_view>& order, NameOf nameOf) {
  const std::size_t n = items.size();
  if (n < 2) return;
  constexpr std::size_t kInline = 32;
  std::size_t inlineRanks[kInline];
  std::vector<std::size_t> heapRanks;
  std::size_t* ranks = inlineRanks;
  if (n > kInline) {
    heapRanks.resize(n);
    ranks = heapRanks.data();
  }
  bool sorted = true;
  for (std::size_t i = 0; i < n; ++i) {
    ranks[i] = orderRank(order, nameOf(items[i]));
    if (i > 0 && ranks[i] < ranks[i - 1]) sorted = false;
  }
  if (sorted) return;
  std::vector<std::size_t> idx(n);
  for (std::size_t i = 0; i < n; ++i) idx[i] = i;
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return ranks[a] < ranks[b]; });
  std::vector<T> out;
  out.reserve(n);
  for (std::size_t i : idx) out.push_back(std::move(items[i]));
  items = std::move(out);
}

}  // namespace

void orderChildren(xml::Element& e, const std::vector<std::string_view>& order) {
  // Text children only occur in leaf elements, which need no ordering.
  if (!e.hasElementChildren()) return;
  stableOrder(e.children, order, [](const xml::Element& c) -> std::string_view { return c.name; });
}

void orderAttrs(xml::Element& e, const std::vector<std::string_view>& order) {
  stableOrder(e.attrs, order, [](const auto& a) -> std::string_view { return a.first; });
}

}  // namespace vireo::conf
