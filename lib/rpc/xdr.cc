#include "lib/rpc/xdr.h"

#include <rpc/types.h>
#include <rpc/xdr.h>

#include "lib/util/error.h"

namespace vireo::rpc {

struct Xdr::Stream {
  XDR x{};
};

namespace {
// xdrmem needs a fixed window; encoders start with this much and grow.
constexpr size_t kInitialWindow = 256;
}  // namespace

Xdr::Xdr(std::vector<char>& out)
    : mode_(Mode::Encode), s_(std::make_unique<Stream>()), out_(&out), base_(out.size()) {
  out.resize(base_ + kInitialWindow);
  capacity_ = kInitialWindow;
  xdrmem_create(&s_->x, out.data() + base_, static_cast<u_int>(capacity_), XDR_ENCODE);
}

Xdr::Xdr(std::string_view data)
    : mode_(Mode::Decode), s_(std::make_unique<Stream>()), capacity_(data.size()) {
  // xdrmem never writes through the pointer when decoding.
  xdrmem_create(&s_->x, const_cast<char*>(data.data()), static_cast<u_int>(data.size()), XDR_DECODE);
}

Xdr::~Xdr() { xdr_destroy(&s_->x); }

size_t Xdr::position() const { return xdr_getpos(&s_->x); }

void Xdr::finish() {
  if (out_) out_->resize(base_ + position());
}

void Xdr::failDecode() { fail(VIR_ERR_RPC, VIR_FROM_RPC, "Unable to decode message payload"); }

void Xdr::expectEnd() const {
  if (position() != capacity_) failDecode();
}

void Xdr::ensure(size_t extra) {
  if (mode_ != Mode::Encode) return;
  size_t pos = position();
  size_t padded = (extra + 3) & ~size_t(3);
  if (pos + padded <= capacity_) return;
  size_t cap = capacity_;
  while (pos + padded > cap) cap *= 2;
  // Re-create the window over the grown buffer and seek back to where we were.
  xdr_destroy(&s_->x);
  out_->resize(base_ + cap);
  capacity_ = cap;
  xdrmem_create(&s_->x, out_->data() + base_, static_cast<u_int>(capacity_), XDR_ENCODE);
  if (!xdr_setpos(&s_->x, static_cast<u_int>(pos)))
    fail(VIR_ERR_RPC, VIR_FROM_RPC, "Unable to encode message payload");
}

#define VIREO_XDR_CALL(call)                                                         \
  do {                                                                               \
    if (!(call)) {                                                                   \
      if (decoding()) failDecode();                                                  \
      fail(VIR_ERR_RPC, VIR_FROM_RPC, "Unable to encode message payload");          \
    }                                                                                \
  } while (0)

void Xdr::u32(uint32_t& v) {
  ensure(4);
  u_int t = v;
  VIREO_XDR_CALL(xdr_u_int(&s_->x, &t));
  v = t;
}

void Xdr::i32(int32_t& v) {
  ensure(4);
  int t = v;
  VIREO_XDR_CALL(xdr_int(&s_->x, &t));
  v = t;
}

void Xdr::u64(uint64_t& v) {
  ensure(8);
  u_quad_t t = v;
  VIREO_XDR_CALL(xdr_u_hyper(&s_->x, &t));
  v = t;
}

void Xdr::i64(int64_t& v) {
  ensure(8);
  quad_t t = v;
  VIREO_XDR_CALL(xdr_hyper(&s_->x, &t));
  v = t;
}

void Xdr::boolean(bool& v) {
  ensure(4);
  bool_t t = v ? TRUE : FALSE;
  VIREO_XDR_CALL(xdr_bool(&s_->x, &t));
  v = t != FALSE;
}

void Xdr::string(std::string& s, uint32_t max) {
  uint32_t len = static_cast<uint32_t>(s.size());
  if (!decoding() && s.size() > max)
    fail(VIR_ERR_RPC, VIR_FROM_RPC, "Unable to encode message payload");
  u32(len);
  if (decoding()) {
    // Check the bound and the bytes actually present before allocating:
    // a forged length must not make us reserve gigabytes.
    if (len > max || len > capacity_ - position()) failDecode();
    s.resize(len);
  }
  ensure(len);
  VIREO_XDR_CALL(xdr_opaque(&s_->x, s.data(), len));
}

void Xdr::optString(std::optional<std::string>& s, uint32_t max) {
  bool present = s.has_value();
  boolean(present);
  if (!present) {
    s.reset();
    return;
  }
  if (!s) s.emplace();
  string(*s, max);
}

void Xdr::fixedOpaque(unsigned char* p, uint32_t n) {
  ensure(n);
  VIREO_XDR_CALL(xdr_opaque(&s_->x, reinterpret_cast<char*>(p), n));
}

}  // namespace vireo::rpc
