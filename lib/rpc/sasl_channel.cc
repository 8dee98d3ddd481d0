#include "lib/rpc/sasl_channel.h"

#include <algorithm>
#include <cstring>

#include "lib/util/error.h"

namespace vireo::rpc {
namespace {

// How much encoded data one read asks the layer underneath for.
constexpr size_t kReadChunk = 65536;

}  // namespace

SaslChannel::SaslChannel(std::unique_ptr<Channel> inner, std::unique_ptr<SaslClient> sasl)
    : inner_(std::move(inner)), sasl_(std::move(sasl)), maxEncode_(sasl_->maxEncodeSize()) {}

void SaslChannel::writeAll(const char* data, size_t size) {
  while (size > 0) {
    size_t piece = std::min(size, maxEncode_);
    std::string encoded = sasl_->encode(data, piece);
    inner_->writeAll(encoded.data(), encoded.size());
    data += piece;
    size -= piece;
  }
}

size_t SaslChannel::read(char* buf, size_t size, std::vector<UniqueFd>& fds) {
  // sasl_decode returns nothing until it holds a whole encoded packet, so
  // a read of the socket may give no plain byte yet: read on until it does.
  while (decodedPos_ == decoded_.size()) {
    encoded_.resize(kReadChunk);
    size_t got = inner_->read(encoded_.data(), encoded_.size(), fds);
    if (got == 0) return 0;
    decoded_ = sasl_->decode(encoded_.data(), got);
    decodedPos_ = 0;
  }
  size_t n = std::min(size, decoded_.size() - decodedPos_);
  std::memcpy(buf, decoded_.data() + decodedPos_, n);
  decodedPos_ += n;
  return n;
}

bool SaslChannel::hasBuffered() const { return decodedPos_ < decoded_.size() || inner_->hasBuffered(); }

}  // namespace vireo::rpc
