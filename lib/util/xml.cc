#include "lib/util/xml.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <algorithm>
#include <charconv>
#include <cstring>

#include "lib/util/error.h"

namespace vireo::xml {

namespace {

const char* str(const xmlChar* s) { return reinterpret_cast<const char*>(s); }
const xmlChar* xstr(const std::string& s) { return reinterpret_cast<const xmlChar*>(s.c_str()); }

void ignoreGeneric(void*, const char*, ...) {}
void ignoreStructured(void*, xmlErrorPtr) {}

// What the parse error handler collects: the first error only, as libvirt
// reports only the first one.
struct ParseState {
  std::string url;
  bool failed = false;
  std::string message;
};

// Builds libvirt's two-line context: the input line around the parser's
// position (at most 80 characters back) and a "----^" pointer under it.
std::string errorContext(xmlParserCtxtPtr ctxt) {
  if (!ctxt->input || !ctxt->input->cur || !ctxt->input->base) return "\n";
  const xmlChar* base = ctxt->input->base;
  const xmlChar* cur = ctxt->input->cur;
  if (*cur == '\n' && cur > base) --cur;
  const xmlChar* start = cur;
  int back = 0;
  while (start > base && start[-1] != '\n' && back < 80) {
    --start;
    ++back;
  }
  std::string line;
  for (const xmlChar* p = start; *p && *p != '\n' && line.size() < 80; ++p)
    line += static_cast<char>(*p);
  std::string pointer(static_cast<std::size_t>(cur - start), '-');
  pointer += '^';
  return line + "\n" + pointer;
}

void onParseError(void* userData, xmlErrorPtr err) {
  auto ctxt = static_cast<xmlParserCtxtPtr>(userData);
  auto state = static_cast<ParseState*>(ctxt->_private);
  if (!state || state->failed || !err || err->level == XML_ERR_WARNING) return;
  state->failed = true;
  std::string msg = err->message ? err->message : "";
  state->message = state->url + ":" + std::to_string(xmlSAX2GetLineNumber(ctxt)) + ": " + msg +
                   errorContext(ctxt);
}

bool isBlank(const char* s) {
  for (; *s; ++s)
    if (!std::strchr(" \t\r\n", *s)) return false;
  return true;
}

}  // namespace

// ---- Element ---------------------------------------------------------------

std::string_view Element::localName() const {
  std::string_view n = name;
  auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const std::string* Element::attr(std::string_view attrName) const {
  for (const auto& [k, v] : attrs)
    if (k == attrName) return &v;
  return nullptr;
}

std::string Element::attrOr(std::string_view attrName, std::string_view fallback) const {
  const std::string* v = attr(attrName);
  return v ? *v : std::string(fallback);
}

void Element::setAttr(std::string_view attrName, std::string_view value) {
  for (auto& [k, v] : attrs)
    if (k == attrName) {
      v = value;
      return;
    }
  attrs.emplace_back(attrName, value);
}

void Element::removeAttr(std::string_view attrName) {
  std::erase_if(attrs, [&](const auto& kv) { return kv.first == attrName; });
}

const Element* Element::child(std::string_view childName) const {
  for (const auto& c : children)
    if (c.isElement() && c.name == childName) return &c;
  return nullptr;
}

Element* Element::child(std::string_view childName) {
  for (auto& c : children)
    if (c.isElement() && c.name == childName) return &c;
  return nullptr;
}

std::vector<const Element*> Element::childrenNamed(std::string_view childName) const {
  std::vector<const Element*> out;
  for (const auto& c : children)
    if (c.isElement() && c.name == childName) out.push_back(&c);
  return out;
}

std::vector<const Element*> Element::elements() const {
  std::vector<const Element*> out;
  for (const auto& c : children)
    if (c.isElement()) out.push_back(&c);
  return out;
}

bool Element::hasElementChildren() const {
  for (const auto& c : children)
    if (c.isElement()) return true;
  return false;
}

std::string Element::textContent() const {
  if (kind == Kind::Text) return text;
  std::string out;
  for (const auto& c : children)
    if (c.kind != Kind::Comment) out += c.textContent();
  return out;
}

Element& Element::addText(std::string t) {
  Element e;
  e.kind = Kind::Text;
  e.text = std::move(t);
  children.push_back(std::move(e));
  return children.back();
}

// ---- SilenceErrors ---------------------------------------------------------

SilenceErrors::SilenceErrors()
    : generic_(xmlGenericError), genericCtx_(xmlGenericErrorContext),
      structured_(xmlStructuredError), structuredCtx_(xmlStructuredErrorContext) {
  xmlSetGenericErrorFunc(nullptr, ignoreGeneric);
  xmlSetStructuredErrorFunc(nullptr, ignoreStructured);
}

SilenceErrors::~SilenceErrors() {
  xmlSetGenericErrorFunc(genericCtx_, generic_);
  xmlSetStructuredErrorFunc(structuredCtx_, structured_);
}

// ---- Document --------------------------------------------------------------

void Document::Free::operator()(_xmlDoc* d) const { xmlFreeDoc(d); }

Document Document::parse(std::string_view text, std::string_view url, virErrorDomain domain) {
  SilenceErrors silence;
  ParseState state;
  state.url = std::string(url);

  std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> ctxt(xmlNewParserCtxt(),
                                                                     xmlFreeParserCtxt);
  if (!ctxt) fail(VIR_ERR_NO_MEMORY, domain, "");
  // Errors of this parse go to our handler only, whatever other threads do.
  ctxt->_private = &state;
  ctxt->sax->serror = onParseError;
  ctxt->vctxt.error = ignoreGeneric;
  ctxt->vctxt.warning = ignoreGeneric;

  xmlDocPtr doc = xmlCtxtReadMemory(ctxt.get(), text.data(), static_cast<int>(text.size()),
                                    state.url.c_str(), nullptr,
                                    XML_PARSE_NONET | XML_PARSE_NOWARNING);
  if (!doc || state.failed || !ctxt->wellFormed) {
    if (doc) xmlFreeDoc(doc);
    if (state.failed) throw Error(VIR_ERR_XML_DETAIL, domain, state.message);
    fail(VIR_ERR_XML_ERROR, domain, "failed to parse xml document '" + state.url + "'");
  }
  Document result(doc);
  if (!result.root())
    fail(VIR_ERR_XML_ERROR, domain, "missing root element");
  return result;
}

_xmlNode* Document::root() const { return xmlDocGetRootElement(doc_.get()); }

Element Document::rootElement() const { return toElement(root()); }

Element parseElement(std::string_view text, std::string_view url, virErrorDomain domain) {
  return Document::parse(text, url, domain).rootElement();
}

Element toElement(const _xmlNode* node) {
  Element e;
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    e.kind = Element::Kind::Text;
    e.text = node->content ? str(node->content) : "";
    return e;
  }
  if (node->type == XML_COMMENT_NODE) {
    e.kind = Element::Kind::Comment;
    e.text = node->content ? str(node->content) : "";
    return e;
  }
  if (node->ns && node->ns->prefix)
    e.name = std::string(str(node->ns->prefix)) + ":" + str(node->name);
  else
    e.name = str(node->name);
  if (node->ns && node->ns->href) e.nsUri = str(node->ns->href);
  for (const xmlNs* ns = node->nsDef; ns; ns = ns->next)
    e.nsDecls.emplace_back(ns->prefix ? str(ns->prefix) : "", ns->href ? str(ns->href) : "");
  for (const xmlAttr* a = node->properties; a; a = a->next) {
    std::string name = a->ns && a->ns->prefix
                           ? std::string(str(a->ns->prefix)) + ":" + str(a->name)
                           : std::string(str(a->name));
    xmlChar* v = xmlNodeListGetString(node->doc, a->children, 1);
    e.attrs.emplace_back(std::move(name), v ? str(v) : "");
    xmlFree(v);
  }
  bool hasElements = false;
  for (const xmlNode* c = node->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) hasElements = true;
  for (const xmlNode* c = node->children; c; c = c->next) {
    switch (c->type) {
      case XML_ELEMENT_NODE:
      case XML_COMMENT_NODE:
        e.children.push_back(toElement(c));
        break;
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        // Indentation between elements is layout, not content.
        if (hasElements && c->content && isBlank(str(c->content))) break;
        e.children.push_back(toElement(c));
        break;
      case XML_ENTITY_REF_NODE: {
        xmlChar* v = xmlNodeGetContent(c);
        Element t;
        t.kind = Element::Kind::Text;
        t.text = v ? str(v) : "";
        xmlFree(v);
        e.children.push_back(std::move(t));
        break;
      }
      default:
        break;
    }
  }
  return e;
}

// ---- XPath -----------------------------------------------------------------

XPath::XPath(const Document& doc) : ctx_(xmlXPathNewContext(doc.get())) {
  if (!ctx_) fail(VIR_ERR_NO_MEMORY, VIR_FROM_XML, "");
  ctx_->node = doc.root();
}

XPath::~XPath() { xmlXPathFreeContext(ctx_); }

void XPath::setNode(_xmlNode* node) { ctx_->node = node; }

void XPath::registerNs(const std::string& prefix, const std::string& uri) {
  if (xmlXPathRegisterNs(ctx_, xstr(prefix), xstr(uri)) != 0)
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_XML, "Failed to register XML namespace '" + uri + "'");
}

std::optional<std::string> XPath::string(const std::string& expr) const {
  SilenceErrors silence;
  xmlXPathObjectPtr obj = xmlXPathEval(xstr(expr), ctx_);
  if (!obj) return std::nullopt;
  std::optional<std::string> out;
  if (obj->type == XPATH_STRING && obj->stringval && obj->stringval[0])
    out = str(obj->stringval);
  else if (obj->type == XPATH_NODESET && obj->nodesetval && obj->nodesetval->nodeNr > 0) {
    xmlChar* v = xmlNodeGetContent(obj->nodesetval->nodeTab[0]);
    out = v ? str(v) : "";
    xmlFree(v);
  }
  xmlXPathFreeObject(obj);
  return out;
}

std::vector<_xmlNode*> XPath::nodes(const std::string& expr) const {
  SilenceErrors silence;
  std::vector<_xmlNode*> out;
  xmlXPathObjectPtr obj = xmlXPathEval(xstr(expr), ctx_);
  if (!obj) return out;
  if (obj->type == XPATH_NODESET && obj->nodesetval)
    for (int i = 0; i < obj->nodesetval->nodeNr; ++i) out.push_back(obj->nodesetval->nodeTab[i]);
  xmlXPathFreeObject(obj);
  return out;
}

// ---- Writer ----------------------------------------------------------------

namespace {

// The replacement of `c` in libvirt's escaping, or nullptr if it stays.
const char* libvirtEntity(char c) {
  switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '\'': return "&apos;";
    case '"': return "&quot;";
    default: return nullptr;
  }
}

// libxml2's serialisation escapes fewer characters than libvirt's buffers.
const char* libxmlEntity(char c, bool attribute) {
  switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return attribute ? "&quot;" : nullptr;
    case '\r': return "&#13;";
    case '\n': return attribute ? "&#10;" : nullptr;
    default: return nullptr;
  }
}

// The characters either escaping may replace: the common case, nothing to
// escape, costs one table lookup per character.
constexpr auto kSpecial = [] {
  struct Table {
    bool t[256] = {};
  } table;
  for (unsigned char c : {'&', '<', '>', '\'', '"', '\r', '\n'}) table.t[c] = true;
  return table;
}();

bool needsEscape(std::string_view s) {
  for (char c : s)
    if (kSpecial.t[static_cast<unsigned char>(c)]) return true;
  return false;
}

char* copyTo(char* p, std::string_view s) {
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  return p + s.size();
}

// Calls `emit` with the runs of `s` between escaped characters and with
// the entities that replace them.
template <typename Emit>
void escapeRuns(std::string_view s, bool libxml, bool attribute, Emit&& emit) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!kSpecial.t[static_cast<unsigned char>(s[i])]) continue;
    const char* rep = libxml ? libxmlEntity(s[i], attribute) : libvirtEntity(s[i]);
    if (!rep) continue;
    emit(s.substr(run, i - run));
    emit(std::string_view(rep));
    run = i + 1;
  }
  emit(s.substr(run));
}

}  // namespace

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  escapeRuns(s, false, false, [&](std::string_view piece) { out += piece; });
  return out;
}

void Writer::grow(std::size_t n) {
  std::size_t want = std::max({len_ + n, out_.size() * 2, std::size_t{256}});
  out_.resize(want);
}

void Writer::put(std::string_view s) {
  if (!s.empty()) std::memcpy(grab(s.size()), s.data(), s.size());
}

void Writer::putEscaped(std::string_view s, bool libxml, bool attribute) {
  escapeRuns(s, libxml, attribute, [this](std::string_view piece) { put(piece); });
}

// ` name='value'` (libvirt) or ` name="value"` (libxml2).
void Writer::writeAttr(std::string_view prefix, std::string_view name, std::string_view value, bool doubleQuotes) {
  if (!doubleQuotes && !needsEscape(value)) {
    // The usual case, in one piece.
    char* p = grab(prefix.size() + name.size() + value.size() + 4);
    *p++ = ' ';
    p = copyTo(copyTo(p, prefix), name);
    *p++ = '=';
    *p++ = '\'';
    p = copyTo(p, value);
    *p = '\'';
    return;
  }
  put(' ');
  put(prefix);
  put(name);
  if (doubleQuotes) {
    put("=\"");
    putEscaped(value, true, true);
    put('"');
  } else {
    put("='");
    putEscaped(value);
    put('\'');
  }
}

// The namespace declarations and attributes of a preserved element.
void Writer::writeAttrs(const Element& e, bool doubleQuotes) {
  for (const auto& [prefix, uri] : e.nsDecls) {
    if (prefix.empty())
      writeAttr({}, "xmlns", uri, doubleQuotes);
    else
      writeAttr("xmlns:", prefix, uri, doubleQuotes);
  }
  for (const auto& [k, v] : e.attrs) writeAttr({}, k, v, doubleQuotes);
}

void Writer::indent(int level) {
  const std::size_t n = static_cast<std::size_t>(level) * 2;
  std::memset(grab(n), ' ', n);
}

void Writer::endStartTag(bool forText) {
  if (stack_.empty()) return;
  Open& top = stack_.back();
  if (!top.hasContent) {
    put(forText ? std::string_view(">") : std::string_view(">\n"));
    top.hasContent = true;
    top.inlineText = forText;
  }
}

Writer& Writer::open(std::string_view name) {
  endStartTag(false);
  const std::size_t pad = stack_.size() * 2;
  char* p = grab(pad + 1 + name.size());
  std::memset(p, ' ', pad);
  p[pad] = '<';
  copyTo(p + pad + 1, name);
  stack_.push_back(Open{name});
  return *this;
}

Writer& Writer::openBlock(std::string_view name) {
  open(name);
  endStartTag(false);
  return *this;
}

Writer& Writer::openBlock(std::string_view name, std::string_view attrName, std::string_view attrValue) {
  open(name);
  attr(attrName, attrValue);
  endStartTag(false);
  return *this;
}

Writer& Writer::attr(std::string_view name, std::string_view value) {
  writeAttr({}, name, value, false);
  return *this;
}

Writer& Writer::attrIf(std::string_view name, std::string_view value) {
  if (!value.empty()) attr(name, value);
  return *this;
}

Writer& Writer::attr(std::string_view name, long long value) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, value);
  return attr(name, std::string_view(buf, static_cast<std::size_t>(res.ptr - buf)));
}

Writer& Writer::attr(std::string_view name, unsigned long long value) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, value);
  return attr(name, std::string_view(buf, static_cast<std::size_t>(res.ptr - buf)));
}

Writer& Writer::text(std::string_view value) {
  endStartTag(true);
  putEscaped(value);
  return *this;
}

Writer& Writer::close() {
  Open& top = stack_.back();
  if (!top.hasContent) {
    put("/>\n");
  } else {
    if (!top.inlineText) indent(depth() - 1);
    put("</");
    put(top.name);
    put(">\n");
  }
  stack_.pop_back();
  return *this;
}

Writer& Writer::textElement(std::string_view name, std::string_view value) {
  return open(name).text(value).close();
}

Writer& Writer::emptyElement(std::string_view name) { return open(name).close(); }

void Writer::writeInline(const Element& e, bool doubleQuotes) {
  if (e.kind == Element::Kind::Text) {
    putEscaped(e.text, doubleQuotes, false);
    return;
  }
  if (e.kind == Element::Kind::Comment) {
    put("<!--");
    put(e.text);
    put("-->");
    return;
  }
  put('<');
  put(e.name);
  writeAttrs(e, doubleQuotes);
  if (e.children.empty()) {
    put("/>");
    return;
  }
  put('>');
  for (const auto& c : e.children) writeInline(c, doubleQuotes);
  put("</");
  put(e.name);
  put('>');
}

Writer& Writer::element(const Element& e, bool doubleQuotes) {
  if (!e.isElement()) {
    endStartTag(true);
    writeInline(e, doubleQuotes);
    return *this;
  }
  // Elements with text inside are written on one line, as libxml2 does for
  // mixed content; element-only content is indented one element per line.
  bool mixed = false;
  for (const auto& c : e.children)
    if (c.kind == Element::Kind::Text) mixed = true;
  endStartTag(false);
  indent(depth());
  if (mixed) {
    writeInline(e, doubleQuotes);
    put('\n');
    return *this;
  }
  put('<');
  put(e.name);
  stack_.push_back(Open{e.name});  // `e` outlives its element
  writeAttrs(e, doubleQuotes);
  for (const auto& c : e.children) {
    if (c.kind == Element::Kind::Comment) {
      endStartTag(false);
      indent(depth());
      writeInline(c, doubleQuotes);
      put('\n');
    } else {
      element(c, doubleQuotes);
    }
  }
  return close();
}

std::string Writer::str() const { return out_.substr(0, len_); }

std::string Writer::take() {
  out_.resize(len_);
  std::string out = std::move(out_);
  out_.clear();
  len_ = 0;
  return out;
}

}  // namespace vireo::xml
