// XDR encoding and decoding over libtirpc's xdrmem streams.
//
// A message type describes its fields once, in a member function
//
//   void xdr(rpc::Xdr& x) { x.u32(flags); x.string(path, kStringMax); }
//
// and the same function encodes and decodes, the way rpcgen's xdr_<type>
// routines do. The field functions throw vireo::Error (VIR_ERR_RPC) when the
// data does not fit: a truncated payload, a string longer than its bound, a
// string length beyond the bytes that remain.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vireo::rpc {

class Xdr {
 public:
  enum class Mode { Encode, Decode };

  // An encoder that appends to `out` (which grows as needed).
  explicit Xdr(std::vector<char>& out);
  // A decoder of `data`; it must outlive this object.
  explicit Xdr(std::string_view data);
  ~Xdr();
  Xdr(const Xdr&) = delete;
  Xdr& operator=(const Xdr&) = delete;

  Mode mode() const { return mode_; }
  bool decoding() const { return mode_ == Mode::Decode; }

  void u32(uint32_t& v);
  void i32(int32_t& v);
  void u64(uint64_t& v);
  void i64(int64_t& v);
  void boolean(bool& v);
  // XDR string<max> / opaque<max>: a length word, the bytes, padding.
  void string(std::string& s, uint32_t max);
  // An optional string (`string *p`): a 0/1 word, then the string.
  void optString(std::optional<std::string>& s, uint32_t max);
  // opaque[n]: exactly n bytes, padded to 4.
  void fixedOpaque(unsigned char* p, uint32_t n);

  // A nested struct with its own xdr() member.
  template <class T>
  void field(T& t) { t.xdr(*this); }
  // An optional struct (`T *p`).
  template <class T>
  void optional(std::optional<T>& t) {
    bool present = t.has_value();
    boolean(present);
    if (!present) {
      t.reset();
      return;
    }
    if (!t) t.emplace();
    t->xdr(*this);
  }

  // Bytes consumed (decode) or produced (encode) so far.
  size_t position() const;
  // Encoding: trims the output buffer to the bytes produced.
  void finish();
  // Decoding: throws unless every byte was consumed (libvirt rejects
  // trailing garbage after a payload the same way).
  void expectEnd() const;

 private:
  void ensure(size_t extra);  // encoding: room for `extra` more bytes
  [[noreturn]] static void failDecode();

  // libtirpc's XDR stream, kept out of this header so that only xdr.cc
  // needs libtirpc's include path.
  struct Stream;
  Mode mode_;
  std::unique_ptr<Stream> s_;
  std::vector<char>* out_ = nullptr;
  size_t base_ = 0;      // encode: offset in *out_ where this stream started
  size_t capacity_ = 0;  // size of the current xdrmem window (decode: the data)
};

// Encodes `value` (any type with an xdr() member) into a new buffer.
template <class T>
std::vector<char> encode(const T& value) {
  std::vector<char> out;
  Xdr x(out);
  const_cast<T&>(value).xdr(x);  // xdr() only reads when encoding
  x.finish();
  return out;
}

// Decodes a complete payload into T; trailing bytes are an error.
template <class T>
T decode(std::string_view data) {
  T value{};
  Xdr x(data);
  value.xdr(x);
  x.expectEnd();
  return value;
}

// A payload with no fields (libvirt's `void` arguments and replies).
struct Void {
  void xdr(Xdr&) {}
};

}  // namespace vireo::rpc
