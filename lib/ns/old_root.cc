#include "lib/ns/old_root.h"

namespace vireo::ns {

namespace {

// The next component of `p` (after any slashes): its start and length;
// length 0 at the end.
const char* nextComponent(const char* p, size_t* len) noexcept {
  while (*p == '/') ++p;
  size_t n = 0;
  while (p[n] && p[n] != '/') ++n;
  *len = n;
  return p;
}

unsigned componentCount(const char* path) noexcept {
  unsigned n = 0;
  size_t len;
  for (const char* p = nextComponent(path, &len); len; p = nextComponent(p + len, &len)) ++n;
  return n;
}

bool isOctal(char c) noexcept { return c >= '0' && c <= '7'; }

// Unescapes the mount point field in place ("\040" is a space, "\134" a
// backslash) and NUL-terminates it at `end`.
void unescapeField(char* field, char* end) noexcept {
  char* out = field;
  for (char* in = field; in < end;) {
    if (in[0] == '\\' && end - in >= 4 && isOctal(in[1]) && isOctal(in[2]) && isOctal(in[3])) {
      *out++ = static_cast<char>((in[1] - '0') * 64 + (in[2] - '0') * 8 + (in[3] - '0'));
      in += 4;
    } else {
      *out++ = *in++;
    }
  }
  *out = '\0';
}

// True when `a` goes before `b` in unmount order.
bool before(const OldRootMount& a, const OldRootMount& b) noexcept {
  if (a.depth != b.depth) return a.depth > b.depth;
  return a.order > b.order;
}

}  // namespace

bool pathWithinComponents(const char* path, const char* dir) noexcept {
  size_t dl, pl;
  const char* d = nextComponent(dir, &dl);
  const char* p = nextComponent(path, &pl);
  for (; dl; d = nextComponent(d + dl, &dl), p = nextComponent(p + pl, &pl)) {
    if (pl != dl) return false;
    for (size_t i = 0; i < dl; ++i)
      if (p[i] != d[i]) return false;
  }
  return true;
}

long collectMountsUnder(char* text, size_t len, const char* prefix, OldRootMount* out, size_t max) noexcept {
  size_t count = 0;
  unsigned order = 0;
  char* end = text + len;
  for (char* line = text; line < end; ++order) {
    char* eol = line;
    while (eol < end && *eol != '\n') ++eol;
    // Fields: id, parent id, major:minor, root, mount point, ...
    char* field = line;
    for (int skip = 0; skip < 4 && field < eol; ++skip) {
      while (field < eol && *field != ' ') ++field;
      if (field < eol) ++field;
    }
    char* fieldEnd = field;
    while (fieldEnd < eol && *fieldEnd != ' ') ++fieldEnd;
    if (fieldEnd < eol && field < fieldEnd && *field == '/') {
      unescapeField(field, fieldEnd);
      if (pathWithinComponents(field, prefix)) {
        if (count == max) return -1;
        out[count++] = OldRootMount{field, componentCount(field), order};
      }
    }
    line = eol + 1;
  }
  return static_cast<long>(count);
}

void orderDeepestFirst(OldRootMount* mounts, size_t n) noexcept {
  // Insertion sort: no allocation, and a few hundred entries at most.
  for (size_t i = 1; i < n; ++i) {
    OldRootMount m = mounts[i];
    size_t j = i;
    for (; j > 0 && before(m, mounts[j - 1]); --j) mounts[j] = mounts[j - 1];
    mounts[j] = m;
  }
}

}  // namespace vireo::ns
