// Writing an element whose attributes and children come partly from typed
// fields and partly from preserved XML, in libvirt's order, straight into an
// xml::Writer.
//
// libvirt writes the attributes and children of each element in a fixed
// order. The typed model knows some of them; the others were kept from the
// input (Unparsed). A formatter collects both into an AttrList and a
// ChildList, by reference, and writes them sorted: a stable sort by the
// position of the name in an order list (NameOrder), so entries added
// first stay ahead of later ones of the same rank. The result is what
// building the element as an xml::Element tree and calling orderAttrs() and
// orderChildren() on it gives, without building the tree: GetXMLDesc
// formats a whole definition per call, and the trees were most of its cost.
//
// Nothing is copied: the names, values and preserved elements must outlive
// the list (they live in the definition being formatted, or are literals).
#pragma once

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "lib/conf/node_reader.h"
#include "lib/util/xml.h"

namespace vireo::conf {

// A vector that keeps its first N items in place (no allocation for the
// few attributes or children an element has) and spills to the heap after.
// The in-place items are left uninitialised until pushed: T must be
// trivially copyable.
template <typename T, std::size_t N>
class SmallVec {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  SmallVec() {}
  SmallVec(const SmallVec&) = delete;
  SmallVec& operator=(const SmallVec&) = delete;

  void push_back(const T& v) {
    if (heap_.empty() && size_ < N) {
      inline_.items[size_++] = v;
      return;
    }
    if (heap_.empty()) heap_.assign(inline_.items, inline_.items + size_);
    heap_.push_back(v);
    ++size_;
  }
  T* begin() { return heap_.empty() ? inline_.items : heap_.data(); }
  T* end() { return begin() + size_; }
  const T* begin() const { return heap_.empty() ? inline_.items : heap_.data(); }
  const T* end() const { return begin() + size_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  union Storage {
    Storage() {}  // leaves `items` uninitialised
    T items[N];
  } inline_;
  std::vector<T> heap_;
  std::size_t size_ = 0;
};

// The names of an element's attributes or children in the order libvirt
// writes them; "*" marks where names not in the list go (without one, they
// go after all). rank() is orderRank() on the same list, through a small
// hash table: the formatters rank every attribute and child they write.
class NameOrder {
 public:
  NameOrder(std::initializer_list<std::string_view> names);
  std::size_t rank(std::string_view name) const;

 private:
  static constexpr std::size_t kSlots = 128;  // a power of two, over twice the longest list
  static std::size_t slotOf(std::string_view name) {
    return (name.size() * 31 + static_cast<unsigned char>(name.front()) * 7 +
            static_cast<unsigned char>(name.back())) &
           (kSlots - 1);
  }
  std::vector<std::string_view> names_;
  std::array<std::uint8_t, kSlots> slots_{};  // index into names_ + 1; 0 is empty
  std::size_t star_;
};

// The attributes of one element.
class AttrList {
 public:
  void add(std::string_view name, std::string_view value);
  // Adds the attribute only if `value` is non-empty (setAttrIf's rule).
  void addIf(std::string_view name, std::string_view value) {
    if (!value.empty()) add(name, value);
  }
  // An integer in decimal, kept in the list itself.
  template <typename Int>
  void addNumber(std::string_view name, Int value) {
    Attr a;
    a.name = name;
    auto res = std::to_chars(a.digits, a.digits + sizeof a.digits, value);
    a.digitCount = static_cast<std::size_t>(res.ptr - a.digits);
    attrs_.push_back(a);
  }
  // Preserved attributes, except those whose name is already in the list
  // (appendUnparsed()'s rule: typed values win).
  void addPreserved(const std::vector<std::pair<std::string, std::string>>& attrs);
  // Stable sort by `order` (orderAttrs()'s rule).
  void sort(const NameOrder& order);

  bool empty() const { return attrs_.empty(); }
  void writeTo(xml::Writer& w) const;

 private:
  struct Attr {
    std::string_view name;
    std::string_view value;  // unused when digitCount > 0
    char digits[24];
    std::size_t digitCount;
    std::string_view view() const { return digitCount ? std::string_view(digits, digitCount) : value; }
  };
  bool has(std::string_view name) const;
  SmallVec<Attr, 12> attrs_;
};

// An element made of typed attributes (`attrs`) and what its parse kept
// untyped (`rest`): the preserved attributes join the typed ones (typed
// values win), the whole list is sorted by `order` when one is given, and
// the preserved children follow.
void writeWithRest(xml::Writer& w, std::string_view name, AttrList& attrs, const Unparsed& rest,
                   const NameOrder* order = nullptr);

// The children of one element: typed ones, which the formatter writes
// itself when their turn comes (each identified by a `tag` of the
// formatter's choosing), and preserved elements, written as they are.
class ChildList {
 public:
  explicit ChildList(const NameOrder& order) : order_(order) {}

  void addTyped(std::string_view name, int tag) { items_.push_back({name, tag, nullptr}); }
  void addPreserved(const xml::Element& e) { items_.push_back({e.name, 0, &e}); }
  // Element children only, in their order (appendUnparsed()'s children).
  void addPreserved(const std::vector<xml::Element>& elements) {
    for (const auto& e : elements)
      if (e.isElement()) addPreserved(e);
  }

  // Writes the children in libvirt's order (orderChildren()'s rule):
  // preserved ones with Writer::element(), typed ones through
  // `writeTyped(w, tag)`.
  template <typename WriteTyped>
  void writeTo(xml::Writer& w, WriteTyped&& writeTyped) {
    sort();
    for (const Item& item : items_) {
      if (item.preserved)
        w.element(*item.preserved);
      else
        writeTyped(w, item.tag);
    }
  }

 private:
  struct Item {
    std::string_view name;
    int tag;
    const xml::Element* preserved;
  };
  void sort();
  const NameOrder& order_;
  SmallVec<Item, 24> items_;
};

}  // namespace vireo::conf
