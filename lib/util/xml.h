// A small RAII layer over libxml2, and the writer that produces libvirt's
// XML formatting.
//
// Parsing yields an xml::Element tree: a plain, copyable value that owns its
// strings and has no tie to libxml2, so configuration code can keep pieces of
// it (for instance <metadata> children) for as long as it likes. Document and
// XPath are thin holders for code that wants libxml2 itself.
//
// libxml2 never prints anything: each parse installs its own structured
// error handler on the parser context, and the thread's generic handlers are
// silenced while a Document is parsed or an XPath expression is evaluated
// (libxml2 keeps those handlers per thread, so this is thread-safe).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <libvirt/virterror.h>

struct _xmlDoc;
struct _xmlError;
struct _xmlNode;
struct _xmlXPathContext;

namespace vireo::xml {

// One node of a parsed document: an element, a text node or a comment.
// Whitespace-only text between elements is not kept.
struct Element {
  enum class Kind { Element, Text, Comment };
  Kind kind = Kind::Element;
  std::string name;   // qualified name as written: "qemu:commandline"
  std::string nsUri;  // namespace URI of the element, empty if none
  std::string text;   // content of a Text or Comment node
  std::vector<std::pair<std::string, std::string>> attrs;   // in document order
  std::vector<std::pair<std::string, std::string>> nsDecls;  // xmlns[:prefix] declared here
  std::vector<Element> children;                              // in document order

  bool isElement() const { return kind == Kind::Element; }
  bool operator==(const Element&) const = default;
  // The local part of the name ("commandline" for "qemu:commandline").
  std::string_view localName() const;

  // The value of attribute `attrName`, or nullptr if absent.
  const std::string* attr(std::string_view attrName) const;
  bool hasAttr(std::string_view attrName) const { return attr(attrName) != nullptr; }
  std::string attrOr(std::string_view attrName, std::string_view fallback = {}) const;
  void setAttr(std::string_view attrName, std::string_view value);
  void removeAttr(std::string_view attrName);

  // The first element child named `childName`, or nullptr.
  const Element* child(std::string_view childName) const;
  Element* child(std::string_view childName);
  // All element children named `childName`, in document order.
  std::vector<const Element*> childrenNamed(std::string_view childName) const;
  // All element children.
  std::vector<const Element*> elements() const;
  bool hasElementChildren() const;
  // The concatenated text of all descendant text nodes.
  std::string textContent() const;

  // Builders, for code that synthesises a tree.
  static Element make(std::string name) {
    Element e;
    e.name = std::move(name);
    return e;
  }
  Element& addChild(Element e) {
    children.push_back(std::move(e));
    return children.back();
  }
  Element& addText(std::string t);
};

// Silences this thread's libxml2 error handlers for the guard's lifetime and
// restores the previous ones afterwards (libxml2 keeps them per thread). For
// code that calls libxml2 directly and collects errors through a context's
// own handler.
class SilenceErrors {
 public:
  SilenceErrors();
  ~SilenceErrors();
  SilenceErrors(const SilenceErrors&) = delete;
  SilenceErrors& operator=(const SilenceErrors&) = delete;

 private:
  void (*generic_)(void*, const char*, ...);
  void* genericCtx_;
  void (*structured_)(void*, _xmlError*);
  void* structuredCtx_;
};

// An owned libxml2 document.
class Document {
 public:
  // Parses `text`. `url` names the document in error messages, as libvirt
  // does ("domain_definition"). On a syntax error throws vireo::Error
  // VIR_ERR_XML_DETAIL with libvirt's message shape:
  //   "(url):LINE: MESSAGE\nCONTEXT LINE\n-----^"
  // and VIR_ERR_XML_ERROR "failed to parse xml document" if libxml2 gave no
  // detail. `domain` is the error domain to report.
  static Document parse(std::string_view text, std::string_view url, virErrorDomain domain);

  Document(Document&&) noexcept = default;
  Document& operator=(Document&&) noexcept = default;
  ~Document() = default;

  _xmlNode* root() const;
  _xmlDoc* get() const { return doc_.get(); }
  // The root element as a value tree.
  Element rootElement() const;

 private:
  struct Free {
    void operator()(_xmlDoc* d) const;
  };
  explicit Document(_xmlDoc* d) : doc_(d) {}
  std::unique_ptr<_xmlDoc, Free> doc_;
};

// Converts one libxml2 element (and its subtree) into a value tree.
Element toElement(const _xmlNode* node);

// Parses `text` and returns its root element; same errors as Document::parse.
Element parseElement(std::string_view text, std::string_view url, virErrorDomain domain);

// An XPath context on a Document, with the context node movable.
class XPath {
 public:
  explicit XPath(const Document& doc);
  XPath(const XPath&) = delete;
  XPath& operator=(const XPath&) = delete;
  ~XPath();

  void setNode(_xmlNode* node);
  // Registers `prefix` for `uri` in expressions.
  void registerNs(const std::string& prefix, const std::string& uri);
  // The string value of `expr`, or nullopt if it selects nothing.
  std::optional<std::string> string(const std::string& expr) const;
  // The nodes `expr` selects, in document order.
  std::vector<_xmlNode*> nodes(const std::string& expr) const;

 private:
  _xmlXPathContext* ctx_;
};

// libvirt's escaping for attribute values and text: & < > ' " all escaped.
std::string escape(std::string_view s);

// Writes XML the way libvirt formats it: two-space indentation, attributes in
// single quotes, "<x/>" for empty elements, one element per line, and a
// trailing newline after the root.
//
//   Writer w;
//   w.open("memory").attr("unit", "KiB").text("1024").close();
//
// open() starts an element; attr() adds to the element just opened; the
// first child (or text) ends its start tag. close() ends the innermost
// element: "/>" if nothing was written inside it. The writer keeps a view of
// each open element's name: it must stay valid until the element is closed
// (literals, and names held by the definition being written, do).
class Writer {
 public:
  Writer() { stack_.reserve(8); }
  // Sets aside room for `bytes` of output (a hint; the writer still grows).
  void reserve(std::size_t bytes) {
    if (out_.size() < bytes) out_.resize(bytes);
  }

  Writer& open(std::string_view name);
  // Like open(), but always written with an end tag even when nothing goes
  // inside (libvirt writes "<devices>\n</devices>", never "<devices/>").
  Writer& openBlock(std::string_view name);
  // openBlock() with one attribute: <name attr='value'>, end tag always
  // written (libvirt's "<encryption format='default'>\n</encryption>").
  Writer& openBlock(std::string_view name, std::string_view attrName, std::string_view attrValue);
  // Ends the current start tag, so that the element gets an end tag even
  // when nothing goes inside: openBlock() for elements with several
  // attributes (open(), attr()..., endStartTag()).
  Writer& endStartTag() {
    endStartTag(false);
    return *this;
  }
  Writer& attr(std::string_view name, std::string_view value);
  // Adds the attribute only if `value` is non-empty.
  Writer& attrIf(std::string_view name, std::string_view value);
  Writer& attr(std::string_view name, long long value);
  Writer& attr(std::string_view name, unsigned long long value);
  Writer& attr(std::string_view name, int value) { return attr(name, static_cast<long long>(value)); }
  Writer& attr(std::string_view name, unsigned value) {
    return attr(name, static_cast<unsigned long long>(value));
  }
  // Text content of the current element, written inline: <name>text</name>.
  Writer& text(std::string_view value);
  Writer& close();
  // <name>text</name> on one line.
  Writer& textElement(std::string_view name, std::string_view value);
  // <name/> on one line.
  Writer& emptyElement(std::string_view name);
  // Writes a preserved tree. `doubleQuotes` selects libxml2's own style
  // (used for <metadata> children, which libvirt dumps through libxml2);
  // otherwise libvirt's single quotes.
  Writer& element(const Element& e, bool doubleQuotes = false);
  // The current nesting depth (0 outside the root).
  int depth() const { return static_cast<int>(stack_.size()); }

  // The finished document. All elements must be closed.
  std::string str() const;
  // Like str(), but moves the document out; the writer is empty afterwards.
  std::string take();

 private:
  struct Open {
    std::string_view name;
    bool hasContent = false;  // start tag already ended with '>'
    bool inlineText = false;  // content was text: no newline before end tag
  };
  void endStartTag(bool forText);
  void indent(int level);
  void writeInline(const Element& e, bool doubleQuotes);
  void writeAttrs(const Element& e, bool doubleQuotes);
  void writeAttr(std::string_view prefix, std::string_view name, std::string_view value, bool doubleQuotes);

  // The output grows in place: out_ is kept at its full size and len_ says
  // how much of it is written, so that an append is a bounds check and a
  // copy (a std::string append costs several times that, and formatting a
  // domain makes hundreds of them).
  char* grab(std::size_t n) {
    if (out_.size() - len_ < n) grow(n);
    char* p = out_.data() + len_;
    len_ += n;
    return p;
  }
  void put(std::string_view s);
  void put(char c) { *grab(1) = c; }
  void grow(std::size_t n);
  // `s` with libvirt's escaping, or libxml2's (`libxml`) for text or an
  // attribute value (`attribute`).
  void putEscaped(std::string_view s, bool libxml = false, bool attribute = false);

  std::string out_;
  std::size_t len_ = 0;
  std::vector<Open> stack_;
};

}  // namespace vireo::xml
