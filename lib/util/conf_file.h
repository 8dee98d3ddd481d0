// A reader for libvirt's configuration-file syntax (qemu.conf, lxc.conf,
// virtlockd.conf, ...), as libvirt 9.0's virconf parser understands it.
//
// The syntax, checked against libvirt 9.0:
//   - one `name = value` per line (or several on a line, separated by ';');
//     a name starts with an ASCII letter and goes on with letters, digits
//     and '_';
//   - a value is an integer (digits with an optional '+' or '-'), a string,
//     or a list `[ v1, v2, ]` of values that may span lines and may end
//     with a comma;
//   - a string is "double quoted", 'single quoted', or """triple quoted""".
//     Only the triple-quoted form may span lines. There are NO escapes:
//     libvirt takes every character up to the closing quote literally, so
//     "a\"b" is the string `a\` followed by junk (a syntax error);
//   - '#' starts a comment that runs to the end of the line, anywhere
//     outside a string. (libvirt itself rejects a comment between the items
//     of a list; vireo accepts it, which changes nothing for any file that
//     libvirt accepts.)
//
// A syntax error throws vireo::Error(VIR_ERR_CONF_SYNTAX, VIR_FROM_CONF)
// with libvirt's wording: "configuration file syntax error:
// /etc/libvirt/qemu.conf:12: expecting a value".
//
// The typed getters below check a value's type the way libvirt's
// virConfGetValue* functions do, with libvirt's error numbers and words,
// and add the line of the entry to the file name:
// "internal error: /etc/libvirt/qemu.conf:7: expected a string for 'user' parameter".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <libvirt/virterror.h>

namespace vireo {

struct ConfValue {
  enum class Type { Integer, String, List };

  Type type = Type::Integer;
  int line = 0;  // the line on which the value starts

  // Integer: the digits as written and whether a '-' preceded them. libvirt
  // keeps the sign as part of the type: a value written with '-' (even
  // "-0") is signed, anything else is unsigned, and only unsigned values
  // are accepted as booleans and unsigned integers.
  bool negative = false;
  unsigned long long magnitude = 0;

  std::string text;             // String
  std::vector<ConfValue> items;  // List

  // "integer", "string" or "list", for messages.
  std::string_view typeName() const;
};

struct ConfEntry {
  std::string name;
  ConfValue value;
  int line = 0;  // the line of the name
};

class ConfFile {
 public:
  // Parses `content`; `path` is only used to name the file in messages.
  // Throws VIR_ERR_CONF_SYNTAX (VIR_FROM_CONF) on a syntax error.
  static ConfFile parse(std::string_view content, std::string path);

  // Reads and parses the file at `path`. A file that cannot be opened or
  // read throws VIR_ERR_SYSTEM_ERROR (VIR_FROM_CONF) with libvirt's words:
  // "Failed to open file '/x/qemu.conf': Permission denied" (or "Failed to
  // read file ..."); files over 10 MiB are refused as libvirt refuses them.
  static ConfFile read(const std::string& path);
  // As read(), but a file that does not exist (ENOENT) gives std::nullopt,
  // the way libvirt's daemons start with their defaults when a
  // configuration file is missing.
  static std::optional<ConfFile> readIfExists(const std::string& path);

  const std::string& path() const noexcept { return path_; }
  // Every entry in file order, duplicates included.
  const std::vector<ConfEntry>& entries() const noexcept { return entries_; }

  // The first entry called `name`, or nullptr. Like libvirt, the FIRST of
  // several entries with one name is the one that counts; see
  // rejectDuplicates() for readers that want to refuse such files.
  const ConfEntry* find(std::string_view name) const;

  // Throws VIR_ERR_CONF_SYNTAX naming the second occurrence of a name:
  // "/x.conf:9: parameter 'user' is already set on line 3".
  void rejectDuplicates() const;

  // Typed getters. Each returns std::nullopt when `name` is absent and
  // throws when it is present with the wrong type or out of range.
  //
  // A string. Otherwise VIR_ERR_INTERNAL_ERROR "expected a string".
  std::optional<std::string> getString(std::string_view name) const;
  // A list of strings; with `acceptString` a single string is taken as a
  // one-item list. A list holding a non-string throws VIR_ERR_CONF_SYNTAX,
  // any other type VIR_ERR_INTERNAL_ERROR.
  std::optional<std::vector<std::string>> getStringList(std::string_view name,
                                                        bool acceptString) const;
  // An unsigned integer that is 0 or 1.
  std::optional<bool> getBool(std::string_view name) const;
  // An integer in the range of int (signed or unsigned as written).
  std::optional<int> getInt(std::string_view name) const;
  // An unsigned integer in the range of unsigned int.
  std::optional<unsigned> getUInt(std::string_view name) const;
  // An unsigned integer in the range of unsigned long long.
  std::optional<unsigned long long> getULLong(std::string_view name) const;

  // The location prefix used by every message about `entry`:
  // "/etc/libvirt/qemu.conf:12".
  std::string where(const ConfEntry& entry) const;
  // Throws vireo::Error(code, domain, "<path>:<line>: <detail>").
  [[noreturn]] void failAt(const ConfEntry& entry, virErrorNumber code,
                           virErrorDomain domain, std::string_view detail) const;

 private:
  std::string path_;
  std::vector<ConfEntry> entries_;
};

}  // namespace vireo
