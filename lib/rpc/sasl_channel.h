// A SASL security layer over another channel: what is written goes through
// sasl_encode in pieces no larger than SASL allows, what is read comes out
// of sasl_decode. Laid over the socket with Client::wrapChannel once the
// negotiation ends (libvirt does the same whatever the SSF: with no layer
// negotiated, SASL passes the bytes through unchanged).
#pragma once

#include <memory>
#include <string>

#include "lib/rpc/channel.h"
#include "lib/rpc/sasl_client.h"

namespace vireo::rpc {

class SaslChannel final : public Channel {
 public:
  SaslChannel(std::unique_ptr<Channel> inner, std::unique_ptr<SaslClient> sasl);

  void writeAll(const char* data, size_t size) override;
  size_t read(char* buf, size_t size, std::vector<UniqueFd>& fds) override;
  // Descriptors cannot travel inside the layer: VIR_ERR_OPERATION_UNSUPPORTED.
  bool hasBuffered() const override;
  // As libvirt's virNetClientIsEncrypted: a SASL session counts as
  // encryption, whatever its SSF.
  bool isEncrypted() const override { return true; }
  int socket() const override { return inner_->socket(); }

 private:
  std::unique_ptr<Channel> inner_;
  std::unique_ptr<SaslClient> sasl_;
  size_t maxEncode_;  // SASL_MAXOUTBUF: the most one sasl_encode takes
  // Reader only (the client has one reader at a time): decoded bytes not
  // yet returned, from decodedPos_ on, and the buffer for encoded bytes.
  std::string decoded_;
  std::vector<char> encoded_;
  size_t decodedPos_ = 0;
};

}  // namespace vireo::rpc
