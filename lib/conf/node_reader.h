// Reading an element into a typed struct while keeping what was not read.
//
// The domain model types what drivers need and preserves the rest verbatim,
// so that a definition formats back the way libvirt would. NodeReader hands
// out attributes and children of one element and remembers which ones were
// taken; rest() returns the others, which the formatter writes back in their
// place (see element_order.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/util/xml.h"

namespace vireo::conf {

// Attributes and child elements that the typed model did not interpret.
struct Unparsed {
  std::vector<std::pair<std::string, std::string>> attrs;
  std::vector<xml::Element> children;
  bool empty() const { return attrs.empty() && children.empty(); }
  bool operator==(const Unparsed&) const = default;
};

class NodeReader {
 public:
  explicit NodeReader(const xml::Element& e) : e_(e), attrTaken_(e.attrs.size()), childTaken_(e.children.size()) {}

  const xml::Element& element() const { return e_; }
  const std::string& name() const { return e_.name; }

  // Takes attribute `name`; nullopt if absent.
  std::optional<std::string> attr(std::string_view name);
  std::string attrOr(std::string_view name, std::string_view fallback = {});
  // Takes the first child element `name`.
  const xml::Element* child(std::string_view name);
  // Takes all child elements `name`.
  std::vector<const xml::Element*> children(std::string_view name);
  // Takes the text of child `name` (nullopt if there is no such child).
  std::optional<std::string> childText(std::string_view name);
  // Takes the presence of an empty flag element such as <readonly/>.
  bool flag(std::string_view name) { return child(name) != nullptr; }
  // The element's own text (not taken: text is never "unparsed").
  std::string text() const { return e_.textContent(); }

  // Everything not taken, in document order. Comments are dropped.
  Unparsed rest() const;

 private:
  const xml::Element& e_;
  std::vector<bool> attrTaken_;
  std::vector<bool> childTaken_;
};

// Removes the comments under `e`, at every depth. libvirt's model keeps no
// comment: a definition formats back without them (only <metadata>, which
// libvirt copies as a tree, keeps its own).
void dropComments(xml::Element& e);

// Appends `u` to `e` (attributes after the typed ones, children at the end;
// callers sort children afterwards with orderChildren()).
void appendUnparsed(xml::Element& e, const Unparsed& u);

// Sorts the element children of `e` by the position of their name in
// `order`; names not in the list keep their relative order and go after the
// known ones that precede them in the input (stable sort, unknown = end).
void orderChildren(xml::Element& e, const std::vector<std::string_view>& order);

// Sorts attributes the same way.
void orderAttrs(xml::Element& e, const std::vector<std::string_view>& order);

// The position of `name` in `order` as orderChildren() ranks it: a name
// not in the list ranks at "*" if the list has one, else after every name.
std::size_t orderRank(const std::vector<std::string_view>& order, std::string_view name);

// Whether orderChildren(e, order) would leave `e` as it is.
bool childrenInOrder(const xml::Element& e, const std::vector<std::string_view>& order);

// Small builders for formatting into an xml::Element.
inline xml::Element& addChild(xml::Element& parent, std::string name) {
  return parent.addChild(xml::Element::make(std::move(name)));
}
inline xml::Element& addTextChild(xml::Element& parent, std::string name, std::string text) {
  auto& c = addChild(parent, std::move(name));
  c.addText(std::move(text));
  return c;
}
inline void setAttrIf(xml::Element& e, std::string_view name, const std::string& value) {
  if (!value.empty()) e.setAttr(name, value);
}
inline void setAttrIf(xml::Element& e, std::string_view name, const std::optional<std::string>& value) {
  if (value) e.setAttr(name, *value);
}

}  // namespace vireo::conf
