#include "lib/util/host_files.h"

#include <fstream>

namespace vireo {

std::string readFirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

unsigned long long readNumberFile(const std::string& path, unsigned long long fallback) {
  std::ifstream in(path);
  unsigned long long v;
  return in >> v ? v : fallback;
}

unsigned long long readMeminfoKiB(const std::string& path, const std::string& key) {
  std::ifstream in(path);
  std::string line;
  std::string field = key + ":";
  while (std::getline(in, line)) {
    size_t at = line.find(field);
    // The whole field name: "Active:" must not match "Inactive:".
    if (at == std::string::npos || (at > 0 && line[at - 1] != ' ')) continue;
    return std::stoull(line.substr(at + field.size()));
  }
  return 0;
}

}  // namespace vireo
