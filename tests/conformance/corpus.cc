#include "corpus.h"

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace corpus {

namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::string kJsonSuffix = ".expected.json";

void appendUtf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

class JsonReader {
 public:
  explicit JsonReader(const std::string& s) : s_(s) {}

  std::map<std::string, std::string> object() {
    std::map<std::string, std::string> out;
    expect('{');
    skipSpace();
    if (peek() == '}') {
      ++i_;
      return out;
    }
    while (true) {
      skipSpace();
      std::string key = string();
      skipSpace();
      expect(':');
      skipSpace();
      out[key] = value();
      skipSpace();
      if (peek() == ',') {
        ++i_;
        continue;
      }
      expect('}');
      return out;
    }
  }

 private:
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  void skipSpace() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  void expect(char c) {
    skipSpace();
    if (peek() != c) throw std::runtime_error(std::string("JSON: expected '") + c + "'");
    ++i_;
  }
  unsigned hex4() {
    if (i_ + 4 > s_.size()) throw std::runtime_error("JSON: short \\u escape");
    unsigned v = static_cast<unsigned>(std::stoul(s_.substr(i_, 4), nullptr, 16));
    i_ += 4;
    return v;
  }
  std::string string() {
    expect('"');
    std::string out;
    while (true) {
      if (i_ >= s_.size()) throw std::runtime_error("JSON: unterminated string");
      char c = s_[i_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      char e = s_[i_++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          unsigned cp = hex4();
          // A surrogate pair encodes one code point above U+FFFF.
          if (cp >= 0xd800 && cp < 0xdc00 && s_.compare(i_, 2, "\\u") == 0) {
            i_ += 2;
            unsigned lo = hex4();
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          }
          appendUtf8(out, cp);
          break;
        }
        default: out += e;
      }
    }
  }
  std::string value() {
    char c = peek();
    if (c == '"') return string();
    std::size_t start = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '-' ||
                              s_[i_] == '.' || s_[i_] == '+'))
      ++i_;
    if (start == i_) throw std::runtime_error("JSON: unsupported value");
    return s_.substr(start, i_ - start);
  }

  const std::string& s_;
  std::size_t i_ = 0;
};

// Replaces the text of every <tag>...</tag> with a placeholder.
std::string maskElement(std::string s, const std::string& tag) {
  std::regex re("<" + tag + ">[^<]*</" + tag + ">");
  return std::regex_replace(s, re, "<" + tag + ">*</" + tag + ">");
}

}  // namespace

std::vector<std::string> listCases(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = opendir(dir.c_str());
  if (!d) return names;
  while (dirent* ent = readdir(d)) {
    std::string n = ent->d_name;
    if (n.size() > kJsonSuffix.size() && n.compare(n.size() - kJsonSuffix.size(), kJsonSuffix.size(), kJsonSuffix) == 0)
      names.push_back(n.substr(0, n.size() - kJsonSuffix.size()));
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

std::map<std::string, std::string> parseFlatJson(const std::string& text) {
  return JsonReader(text).object();
}

Case loadCase(const std::string& dir, const std::string& name) {
  Case c;
  c.name = name;
  c.input = readFile(dir + "/" + name + ".xml");
  auto obj = parseFlatJson(readFile(dir + "/" + name + kJsonSuffix));
  c.accepted = obj["accepted"] == "true";
  c.xml = obj["xml"];
  c.xmlInactive = obj["xml_inactive"];
  if (!obj["error_code"].empty()) c.errorCode = std::stoi(obj["error_code"]);
  if (!obj["error_domain"].empty()) c.errorDomain = std::stoi(obj["error_domain"]);
  c.errorMessage = obj["error_message"];
  return c;
}

std::string canonical(const std::string& xml, const std::string& input) {
  // Whitespace between elements is layout.
  std::string s = std::regex_replace(xml, std::regex(">\\s+<"), "><");
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.erase(0, 1);
  // <x a='1'></x> is the same element as <x a='1'/>.
  s = std::regex_replace(s, std::regex("<([A-Za-z_][\\w:.-]*)([^<>]*[^/<>])?></\\1>"), "<$1$2/>");
  // Values libvirt generates at random when the input did not give them.
  if (!std::regex_search(input, std::regex("<uuid>\\s*[0-9a-fA-F]"))) s = maskElement(s, "uuid");
  if (!std::regex_search(input, std::regex("<genid>\\s*[0-9a-fA-F]"))) s = maskElement(s, "genid");
  std::regex mac("<mac address='([0-9a-fA-F:]+)'");
  std::string out;
  auto begin = std::sregex_iterator(s.begin(), s.end(), mac);
  std::size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    std::string addr = m[1].str();
    bool given = false;
    // MACs in the input may differ in case; compare case-insensitively.
    std::string lowerInput = input;
    std::transform(lowerInput.begin(), lowerInput.end(), lowerInput.begin(), ::tolower);
    std::transform(addr.begin(), addr.end(), addr.begin(), ::tolower);
    given = lowerInput.find(addr) != std::string::npos;
    out += s.substr(last, static_cast<std::size_t>(m.position(0)) - last);
    out += given ? m[0].str() : "<mac address='*'";
    last = static_cast<std::size_t>(m.position(0) + m.length(0));
  }
  out += s.substr(last);
  return out;
}

std::string firstDifference(const std::string& expected, const std::string& actual) {
  std::size_t i = 0;
  while (i < expected.size() && i < actual.size() && expected[i] == actual[i]) ++i;
  std::size_t from = i > 60 ? i - 60 : 0;
  return "at " + std::to_string(i) + ":\n    expected: ..." + expected.substr(from, 160) +
         "\n    actual:   ..." + actual.substr(from, 160);
}

}  // namespace corpus
