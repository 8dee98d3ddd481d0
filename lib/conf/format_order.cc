#include "lib/conf/format_order.h"

#include <stdexcept>

namespace vireo::conf {

namespace {

// A stable insertion sort of `items` by the rank of their names in `order`.
// Lists are short and nearly always in order already, where this is one
// pass; ranks are computed once per item, not once per comparison.
template <typename Items, typename NameOf>
void stableSortByRank(Items& items, const NameOrder& order, NameOf nameOf) {
  const std::size_t n = items.size();
  if (n < 2) return;
  SmallVec<std::size_t, 32> ranks;
  for (const auto& item : items) ranks.push_back(order.rank(nameOf(item)));
  auto* it = items.begin();
  std::size_t* rk = ranks.begin();
  for (std::size_t i = 1; i < n; ++i) {
    if (rk[i] >= rk[i - 1]) continue;
    auto item = it[i];
    std::size_t r = rk[i];
    std::size_t j = i;
    // Strictly greater: equal ranks keep their order.
    for (; j > 0 && rk[j - 1] > r; --j) {
      it[j] = it[j - 1];
      rk[j] = rk[j - 1];
    }
    it[j] = item;
    rk[j] = r;
  }
}

}  // namespace

NameOrder::NameOrder(std::initializer_list<std::string_view> names) : names_(names), star_(names.size()) {
  // Half full at most, so that probes stay short; the lists are constants.
  if (names_.size() > kSlots / 2) throw std::logic_error("NameOrder: list too long");
  for (std::size_t i = 0; i < names_.size(); ++i) {
    std::string_view n = names_[i];
    if (n == "*") {
      if (star_ == names_.size()) star_ = i;
      continue;
    }
    if (n.empty()) continue;
    std::size_t slot = slotOf(n);
    bool repeated = false;
    for (; slots_[slot]; slot = (slot + 1) & (kSlots - 1))
      repeated = repeated || names_[slots_[slot] - 1u] == n;
    if (!repeated) slots_[slot] = static_cast<std::uint8_t>(i + 1);  // a repeated name ranks at its first place
  }
}

std::size_t NameOrder::rank(std::string_view name) const {
  if (name.empty()) return star_;
  for (std::size_t slot = slotOf(name);; slot = (slot + 1) & (kSlots - 1)) {
    std::uint8_t s = slots_[slot];
    if (!s) return star_;
    if (names_[s - 1u] == name) return s - 1u;
  }
}

void AttrList::add(std::string_view name, std::string_view value) {
  Attr a;
  a.name = name;
  a.value = value;
  a.digitCount = 0;
  attrs_.push_back(a);
}

bool AttrList::has(std::string_view name) const {
  for (const Attr& a : attrs_)
    if (a.name == name) return true;
  return false;
}

void AttrList::addPreserved(const std::vector<std::pair<std::string, std::string>>& attrs) {
  for (const auto& [k, v] : attrs)
    if (!has(k)) add(k, v);
}

void AttrList::sort(const NameOrder& order) {
  stableSortByRank(attrs_, order, [](const Attr& a) { return a.name; });
}

void AttrList::writeTo(xml::Writer& w) const {
  for (const Attr& a : attrs_) w.attr(a.name, a.view());
}

void writeWithRest(xml::Writer& w, std::string_view name, AttrList& attrs, const Unparsed& rest,
                   const NameOrder* order) {
  attrs.addPreserved(rest.attrs);
  if (order) attrs.sort(*order);
  w.open(name);
  attrs.writeTo(w);
  for (const auto& c : rest.children) w.element(c);
  w.close();
}

void ChildList::sort() {
  stableSortByRank(items_, order_, [](const Item& i) { return i.name; });
}

}  // namespace vireo::conf
