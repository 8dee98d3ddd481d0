#include "lib/util/conf_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <string>
#include <utility>

#include "lib/util/error.h"
#include "lib/util/fd.h"

namespace vireo {
namespace {

// libvirt refuses configuration files larger than this.
constexpr size_t kMaxConfigFileSize = 10 * 1024 * 1024;
// Lists may hold lists (no key uses that, but the syntax allows it). Each
// level is a recursion of the parser, so the depth is bounded: "[[[[..."
// over a few megabytes would otherwise overflow the stack. libvirt's parser
// has no bound; no real file comes near this one.
constexpr int kMaxListDepth = 64;

bool isBlank(char c) { return c == ' ' || c == '\t'; }
bool isEol(char c) { return c == '\n' || c == '\r'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isNameChar(char c) { return isAlpha(c) || isDigit(c) || c == '_'; }

// One pass over the text. The line counter moves whenever a '\n' is
// consumed, so that an error reports the line the parser stands on, as
// libvirt's does (for an unclosed list that is the last line of the file).
class Parser {
 public:
  Parser(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  std::vector<ConfEntry> run() {
    std::vector<ConfEntry> entries;
    while (!atEnd()) {
      statement(entries);
      separator();
    }
    return entries;
  }

 private:
  bool atEnd() const { return pos_ >= text_.size(); }
  char cur() const { return atEnd() ? '\0' : text_[pos_]; }
  bool startsWith(std::string_view s) const { return text_.substr(pos_).substr(0, s.size()) == s; }
  void advance() {
    if (atEnd()) return;
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }

  [[noreturn]] void syntaxError(std::string_view what) const {
    fail(VIR_ERR_CONF_SYNTAX, VIR_FROM_CONF, path_ + ":" + std::to_string(line_) + ": " + std::string(what));
  }

  void skipBlanks() {
    while (isBlank(cur())) advance();
  }
  void skipBlanksAndEols() {
    while (isBlank(cur()) || isEol(cur())) advance();
  }
  // Leaves the end of line in place: the separator that follows needs it.
  void skipComment() {
    while (!atEnd() && !isEol(cur())) advance();
  }
  // Between the items of a list: blanks, line ends and comments.
  void skipListSpace() {
    for (;;) {
      skipBlanksAndEols();
      if (cur() != '#') return;
      skipComment();
    }
  }

  void statement(std::vector<ConfEntry>& entries) {
    skipBlanksAndEols();
    if (atEnd()) return;
    if (cur() == '#') {
      skipComment();
      return;
    }
    ConfEntry entry;
    entry.line = line_;
    entry.name = name();
    skipBlanks();
    if (cur() != '=') syntaxError("expecting an assignment");
    advance();
    skipBlanks();
    entry.value = value(0);
    skipBlanks();
    if (cur() == '#') skipComment();
    entries.push_back(std::move(entry));
  }

  // After a statement: the end of the file, a line end or ';'.
  void separator() {
    skipBlanks();
    if (atEnd()) return;
    if (isEol(cur())) {
      skipBlanksAndEols();
    } else if (cur() == ';') {
      advance();
      skipBlanksAndEols();
    } else {
      syntaxError("expecting a separator");
    }
  }

  std::string name() {
    if (!isAlpha(cur())) syntaxError("expecting a name");
    size_t start = pos_;
    while (isNameChar(cur())) advance();
    return std::string(text_.substr(start, pos_ - start));
  }

  // `depth`: how many lists enclose the value.
  ConfValue value(int depth) {
    skipBlanks();
    if (atEnd()) syntaxError("expecting a value");
    ConfValue v;
    v.line = line_;
    char c = cur();
    if (c == '"' || c == '\'') {
      v.type = ConfValue::Type::String;
      v.text = quotedString();
    } else if (c == '[') {
      v.type = ConfValue::Type::List;
      v.items = list(depth + 1);
    } else if (isDigit(c) || c == '-' || c == '+') {
      v.type = ConfValue::Type::Integer;
      number(v);
    } else {
      syntaxError("expecting a value");
    }
    return v;
  }

  // Takes everything up to the closing quote literally: libvirt knows no
  // escapes. Only the triple-quoted form may cross a line end.
  std::string quotedString() {
    if (startsWith("\"\"\"")) {
      pos_ += 3;
      size_t start = pos_;
      while (!atEnd() && !startsWith("\"\"\"")) advance();
      if (atEnd()) syntaxError("unterminated string");
      std::string s(text_.substr(start, pos_ - start));
      pos_ += 3;
      return s;
    }
    char quote = cur();
    advance();
    size_t start = pos_;
    while (!atEnd() && cur() != quote && !isEol(cur())) advance();
    if (cur() != quote) syntaxError("unterminated string");
    std::string s(text_.substr(start, pos_ - start));
    advance();
    return s;
  }

  std::vector<ConfValue> list(int depth) {
    if (depth > kMaxListDepth) syntaxError("lists nested deeper than " + std::to_string(kMaxListDepth) + " levels");
    std::vector<ConfValue> items;
    advance();  // '['
    skipListSpace();
    if (!atEnd() && cur() != ']') {
      items.push_back(value(depth));
      skipListSpace();
    }
    while (!atEnd() && cur() != ']') {
      if (cur() != ',') syntaxError("expecting a separator in list");
      advance();
      skipListSpace();
      if (cur() == ']') break;  // a trailing comma
      items.push_back(value(depth));
      skipListSpace();
    }
    if (cur() != ']') syntaxError("list is not closed with ]");
    advance();
    return items;
  }

  void number(ConfValue& v) {
    if (cur() == '-' || cur() == '+') {
      v.negative = cur() == '-';
      advance();
    }
    if (!isDigit(cur())) syntaxError("unterminated number");
    unsigned long long n = 0;
    while (isDigit(cur())) {
      unsigned digit = static_cast<unsigned>(cur() - '0');
      // libvirt lets the number wrap around silently; vireo refuses it.
      if (n > (ULLONG_MAX - digit) / 10) syntaxError("number is too large");
      n = n * 10 + digit;
      advance();
    }
    v.magnitude = n;
  }

  std::string_view text_;
  const std::string& path_;
  size_t pos_ = 0;
  int line_ = 1;
};

bool isUnsignedInteger(const ConfValue& v) {
  return v.type == ConfValue::Type::Integer && !v.negative;
}

}  // namespace

std::string_view ConfValue::typeName() const {
  switch (type) {
    case Type::Integer: return "integer";
    case Type::String: return "string";
    case Type::List: return "list";
  }
  return "value";
}

ConfFile ConfFile::parse(std::string_view content, std::string path) {
  ConfFile file;
  file.path_ = std::move(path);
  file.entries_ = Parser(content, file.path_).run();
  return file;
}

namespace {

ConfFile readOpened(const UniqueFd& fd, const std::string& path) {
  std::string content;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) failSystem(VIR_FROM_CONF, errno, "Failed to read file '" + path + "'");
    if (n == 0) break;
    content.append(buf, static_cast<size_t>(n));
    if (content.size() > kMaxConfigFileSize)
      failSystem(VIR_FROM_CONF, EFBIG, "Failed to read file '" + path + "'");
  }
  return ConfFile::parse(content, path);
}

}  // namespace

ConfFile ConfFile::read(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) failSystem(VIR_FROM_CONF, errno, "Failed to open file '" + path + "'");
  return readOpened(fd, path);
}

std::optional<ConfFile> ConfFile::readIfExists(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd && errno == ENOENT) return std::nullopt;
  if (!fd) failSystem(VIR_FROM_CONF, errno, "Failed to open file '" + path + "'");
  return readOpened(fd, path);
}

const ConfEntry* ConfFile::find(std::string_view name) const {
  for (const ConfEntry& e : entries_)
    if (e.name == name) return &e;
  return nullptr;
}

void ConfFile::rejectDuplicates() const {
  for (size_t i = 0; i < entries_.size(); ++i) {
    const ConfEntry* first = find(entries_[i].name);
    if (first != &entries_[i])
      failAt(entries_[i], VIR_ERR_CONF_SYNTAX, VIR_FROM_CONF,
             "parameter '" + entries_[i].name + "' is already set on line " + std::to_string(first->line));
  }
}

std::string ConfFile::where(const ConfEntry& entry) const {
  return path_ + ":" + std::to_string(entry.line);
}

void ConfFile::failAt(const ConfEntry& entry, virErrorNumber code, virErrorDomain domain,
                      std::string_view detail) const {
  fail(code, domain, where(entry) + ": " + std::string(detail));
}

// The getters use libvirt's error numbers: a value of the wrong type is an
// internal error there (only a non-string inside a string list is a syntax
// error), whatever one would expect.
std::optional<std::string> ConfFile::getString(std::string_view name) const {
  const ConfEntry* e = find(name);
  if (!e) return std::nullopt;
  if (e->value.type != ConfValue::Type::String)
    failAt(*e, VIR_ERR_INTERNAL_ERROR, VIR_FROM_CONF,
           "expected a string for '" + e->name + "' parameter");
  return e->value.text;
}

std::optional<std::vector<std::string>> ConfFile::getStringList(std::string_view name,
                                                                bool acceptString) const {
  const ConfEntry* e = find(name);
  if (!e) return std::nullopt;
  std::vector<std::string> out;
  if (e->value.type == ConfValue::Type::List) {
    for (const ConfValue& item : e->value.items) {
      if (item.type != ConfValue::Type::String)
        failAt(*e, VIR_ERR_CONF_SYNTAX, VIR_FROM_CONF,
               "expected a string list for '" + e->name + "' parameter");
      out.push_back(item.text);
    }
    return out;
  }
  if (e->value.type == ConfValue::Type::String && acceptString) {
    out.push_back(e->value.text);
    return out;
  }
  failAt(*e, VIR_ERR_INTERNAL_ERROR, VIR_FROM_CONF,
         std::string(acceptString ? "expected a string or string list for '" : "expected a string list for '") +
             e->name + "' parameter");
}

std::optional<bool> ConfFile::getBool(std::string_view name) const {
  const ConfEntry* e = find(name);
  if (!e) return std::nullopt;
  if (!isUnsignedInteger(e->value))
    failAt(*e, VIR_ERR_INTERNAL_ERROR, VIR_FROM_CONF, "expected a bool for '" + e->name + "' parameter");
  if (e->value.magnitude > 1)
    failAt(*e, VIR_ERR_INTERNAL_ERROR, VIR_FROM_CONF,
           "value for '" + e->name + "' parameter must be 0 or 1");
  return e->value.magnitude == 1;
}

std::optional<int> ConfFile::getInt(std::string_view name) const {
  const ConfEntry* e = find(name);
  if (!e) return std::nullopt;
  if (e->value.type != ConfValue::Type::Integer)
    failAt(*e, VIR_ERR_INTERNAL_ERROR, VIR_FROM_CONF,
           "expected a signed integer for '" + e->name + "' parameter");
  unsigned long long limit = e->value.negative ? static_cast<unsigned long long>(INT_MAX) + 1 : INT_MAX;
  if (e->value.magnitude > limit)
    failAt(*e, VIR_ERR_INTERNAL_ERROR, VIR_FROM_CONF,
           "value for '" + e->name + "' parameter must be in range " + std::to_string(INT_MIN) + ":" +
               std::to_string(INT_MAX));
  long long v = static_cast<long long>(e->value.magnitude);
  return static_cast<int>(e->value.negative ? -v : v);
}

std::optional<unsigned> ConfFile::getUInt(std::string_view name) const {
  const ConfEntry* e = find(name);
  if (!e) return std::nullopt;
  if (!isUnsignedInteger(e->value))
    failAt(*e, VIR_ERR_INTERNAL_ERROR, VIR_FROM_CONF,
           "expected an unsigned integer for '" + e->name + "' parameter");
  if (e->value.magnitude > UINT_MAX)
    failAt(*e, VIR_ERR_INTERNAL_ERROR, VIR_FROM_CONF,
           "value for '" + e->name + "' parameter must be in range 0:" + std::to_string(UINT_MAX));
  return static_cast<unsigned>(e->value.magnitude);
}

std::optional<unsigned long long> ConfFile::getULLong(std::string_view name) const {
  const ConfEntry* e = find(name);
  if (!e) return std::nullopt;
  if (!isUnsignedInteger(e->value))
    failAt(*e, VIR_ERR_INTERNAL_ERROR, VIR_FROM_CONF,
           "expected an unsigned integer for '" + e->name + "' parameter");
  return e->value.magnitude;
}

}  // namespace vireo
