// The streaming formatter's ordering (lib/conf/format_order.h) must give
// what building a tree and sorting it with orderChildren()/orderAttrs()
// gives; and xml::Writer's in-place buffer must write what it is told.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "lib/conf/format_order.h"
#include "lib/util/xml.h"

using namespace vireo;
using namespace vireo::conf;

TEST_CASE("NameOrder ranks names as orderRank does", "[conf][format]") {
  const std::vector<std::vector<std::string_view>> lists = {
      {"driver", "source", "target", "*", "boot", "alias", "address"},
      {"alias", "address", "stats", "driver", "*"},
      {"type", "name", "state", "port"},            // no "*": unknown names go last
      {"a", "b", "a", "*", "c", "*"},               // repeats rank at their first place
  };
  const std::vector<std::string_view> probes = {"driver", "source", "address", "alias", "boot", "unknown",
                                                "type", "port", "a", "b", "c", "*", "", "x"};
  for (const auto& list : lists) {
    NameOrder order = [&] {
      // NameOrder takes an initializer list; build the same list by hand.
      switch (list.size()) {
        case 7: return NameOrder{list[0], list[1], list[2], list[3], list[4], list[5], list[6]};
        case 5: return NameOrder{list[0], list[1], list[2], list[3], list[4]};
        case 4: return NameOrder{list[0], list[1], list[2], list[3]};
        default: return NameOrder{list[0], list[1], list[2], list[3], list[4], list[5]};
      }
    }();
    for (auto name : probes) CHECK(order.rank(name) == orderRank(list, name));
  }
}

TEST_CASE("ChildList and AttrList order as the tree sort does", "[conf][format]") {
  const std::vector<std::string_view> orderList = {"mac", "source", "target", "*", "alias", "address"};
  const NameOrder order = {"mac", "source", "target", "*", "alias", "address"};

  // Preserved children in input order, some out of libvirt's order, two of
  // the same rank as a typed one.
  std::vector<xml::Element> preserved;
  for (const char* n : {"address", "bandwidth", "target", "vlan", "mac"}) {
    preserved.push_back(xml::Element::make(n));
    preserved.back().setAttr("from", "input");
  }

  // The tree way: typed children first, preserved appended, then sorted.
  xml::Element tree = xml::Element::make("interface");
  tree.setAttr("type", "user");
  tree.attrs.emplace_back("managed", "no");
  addChild(tree, "alias").setAttr("name", "ua-x");
  addChild(tree, "source").setAttr("network", "default");
  for (const auto& p : preserved) tree.children.push_back(p);
  orderChildren(tree, orderList);
  orderAttrs(tree, {"managed", "type"});
  xml::Writer expected;
  expected.element(tree);

  // The streaming way.
  const std::vector<std::pair<std::string, std::string>> preservedAttrs = {
      {"managed", "no"}, {"type", "ignored: the typed value wins"}};
  AttrList attrs;
  attrs.add("type", "user");
  attrs.addPreserved(preservedAttrs);
  attrs.sort(NameOrder{"managed", "type"});
  ChildList kids(order);
  kids.addTyped("alias", 1);
  kids.addTyped("source", 2);
  kids.addPreserved(preserved);
  xml::Writer got;
  got.open("interface");
  attrs.writeTo(got);
  kids.writeTo(got, [](xml::Writer& w, int tag) {
    if (tag == 1) w.open("alias").attr("name", "ua-x").close();
    if (tag == 2) w.open("source").attr("network", "default").close();
  });
  got.close();

  CHECK(got.str() == expected.str());
  CHECK(got.str().find("<mac from='input'/>") < got.str().find("<source network='default'/>"));
}

TEST_CASE("SmallVec spills to the heap and keeps its items", "[conf][format]") {
  SmallVec<int, 4> v;
  for (int i = 0; i < 40; ++i) v.push_back(i);
  REQUIRE(v.size() == 40);
  int expect = 0;
  for (int x : v) CHECK(x == expect++);
}

TEST_CASE("Writer grows its buffer and escapes as libvirt does", "[xml][format]") {
  xml::Writer w;
  w.open("root").attr("a", "x'<&>\"y").attr("n", 42ULL).attr("m", -7LL);
  std::string longText(5000, 'z');
  w.textElement("long", longText);
  for (int i = 0; i < 100; ++i) w.open("e").attr("i", i).close();
  w.close();
  const std::string out = w.str();
  CHECK(out.rfind("<root a='x&apos;&lt;&amp;&gt;&quot;y' n='42' m='-7'>\n", 0) == 0);
  CHECK(out.find("  <long>" + longText + "</long>\n") != std::string::npos);
  CHECK(out.find("  <e i='99'/>\n</root>\n") != std::string::npos);
  CHECK(w.take() == out);
  CHECK(w.str().empty());

  CHECK(xml::escape("a&b'c") == "a&amp;b&apos;c");
  xml::Element md = xml::Element::make("m:x");
  md.nsDecls.emplace_back("m", "http://e/");
  md.setAttr("v", "a\"b\nc'");
  xml::Writer w2;
  w2.element(md, true);
  CHECK(w2.str() == "<m:x xmlns:m=\"http://e/\" v=\"a&quot;b&#10;c'\"/>\n");
}
