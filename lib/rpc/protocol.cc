#include "lib/rpc/protocol.h"

#include <arpa/inet.h>

#include <cstring>

namespace vireo::rpc {

RemoteError RemoteError::from(const Error& e) {
  RemoteError r;
  r.code = e.code();
  r.domain = e.domain();
  r.message = e.message();
  if (!e.str1.empty()) r.str1 = e.str1;
  r.int1 = e.int1;
  return r;
}

Error RemoteError::toError() const {
  // The server formatted the message already; keep it as it is.
  Error e = Error::verbatim(static_cast<virErrorNumber>(code), static_cast<virErrorDomain>(domain),
                            message.value_or("unknown error"));
  if (str1) e.str1 = *str1;
  e.int1 = int1;
  return e;
}

std::string encodeMessage(const Header& header, std::string_view payload, uint32_t fdCount) {
  bool withFds = typeCarriesFds(header.type);
  size_t length = kLengthSize + kHeaderSize + (withFds ? 4 : 0) + payload.size();
  if (length - kLengthSize > kMessageMax)
    fail(VIR_ERR_RPC, VIR_FROM_RPC, "message payload is too large");
  if (fdCount > kNumFdsMax)
    fail(VIR_ERR_RPC, VIR_FROM_RPC, "Too many FDs to send " + std::to_string(fdCount));
  std::vector<char> out;
  {
    Xdr x(out);
    uint32_t len = static_cast<uint32_t>(length);
    x.u32(len);
    Header h = header;
    h.xdr(x);
    if (withFds) x.u32(fdCount);
    x.finish();
  }
  std::string bytes(out.begin(), out.end());
  bytes.append(payload);
  return bytes;
}

uint32_t decodeLength(const unsigned char bytes[4]) {
  uint32_t be;
  std::memcpy(&be, bytes, 4);
  uint32_t length = ntohl(be);
  // libvirt's wording, with its numbers (the second one excludes the word).
  if (length < kLengthSize)
    fail(VIR_ERR_RPC, VIR_FROM_RPC,
         "packet " + std::to_string(length) + " bytes received from server too small, want " +
             std::to_string(kLengthSize));
  if (length - kLengthSize > kMessageMax)
    fail(VIR_ERR_RPC, VIR_FROM_RPC,
         "packet " + std::to_string(length - kLengthSize) + " bytes received from server too large, want " +
             std::to_string(kMessageMax));
  if (length < kLengthSize + kHeaderSize) fail(VIR_ERR_RPC, VIR_FROM_RPC, "Unable to decode message header");
  return length;
}

Decoded decodeMessage(std::string_view bytes) {
  if (bytes.size() < kLengthSize + kHeaderSize)
    fail(VIR_ERR_RPC, VIR_FROM_RPC, "Unable to decode message length");
  uint32_t length = decodeLength(reinterpret_cast<const unsigned char*>(bytes.data()));
  if (length != bytes.size()) fail(VIR_ERR_RPC, VIR_FROM_RPC, "Unable to decode message length");
  Decoded d;
  std::string_view rest = bytes.substr(kLengthSize);
  Xdr x(rest);
  d.header.xdr(x);
  if (typeCarriesFds(d.header.type)) {
    x.u32(d.fdCount);
    if (d.fdCount > kNumFdsMax)
      fail(VIR_ERR_RPC, VIR_FROM_RPC,
           "Received too many FDs " + std::to_string(d.fdCount) + ", expected " +
               std::to_string(kNumFdsMax) + " maximum");
  }
  d.payload = rest.substr(x.position());
  return d;
}

}  // namespace vireo::rpc
