// The client's side of a Cyrus SASL negotiation, and the security layer it
// leaves behind (sasl_encode/sasl_decode). Only sasl_client.cc includes
// <sasl/sasl.h>; callers see plain C++ types.
//
// Credentials are never asked through SASL callbacks: the client registers
// the kinds it can answer with no function behind them, so that a start or
// step that needs them stops with Result::Interact and lists every missing
// answer at once (libvirt's remote client works the same way, which lets an
// application's virConnectAuth callback see all its prompts in one call).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lib/util/mutex.h"

namespace vireo::rpc {

// What SASL may ask for (its SASL_CB_* interaction ids).
enum class SaslCredential { User, AuthName, Language, CNonce, Pass, EchoPrompt, NoEchoPrompt, Realm };

// One question of a negotiation that stopped for credentials.
struct SaslQuestion {
  SaslCredential kind;
  std::optional<std::string> challenge;
  std::string prompt;
  std::optional<std::string> defaultAnswer;
};

struct SaslClientOptions {
  std::string service;     // "libvirt"
  std::string serverFqdn;  // the host the URI names
  std::string localAddr;   // "IP;PORT"
  std::string remoteAddr;  // "IP;PORT"
  // The kinds of credential the caller can supply; nullopt registers none.
  std::optional<std::vector<SaslCredential>> credentials;
  // Security properties (sasl_security_properties_t).
  unsigned minSsf = 0;
  unsigned maxSsf = 0;
  bool allowAnonymous = true;  // false also forbids plaintext mechanisms
  // The SSF of a layer underneath (TLS key bits), when there is one.
  std::optional<unsigned> externalSsf;
};

class SaslClient {
 public:
  enum class Result { Complete, Continue, Interact };

  // sasl_client_new with the options. Throws VIR_ERR_AUTH_FAILED
  // (VIR_FROM_RPC) when SASL cannot start, VIR_ERR_INTERNAL_ERROR when a
  // property is refused.
  explicit SaslClient(const SaslClientOptions& options);
  ~SaslClient();
  SaslClient(const SaslClient&) = delete;
  SaslClient& operator=(const SaslClient&) = delete;

  // sasl_client_start over the server's `mechlist`. `out` is the first
  // message for the server (nullopt: none, which SASL tells apart from an
  // empty one); `mech` the mechanism chosen. Throws VIR_ERR_AUTH_FAILED
  // "Failed to start SASL negotiation: N (detail)".
  Result start(const std::string& mechlist, std::optional<std::string>& out, std::string& mech) EXCLUDES(mu_);
  // sasl_client_step with the server's message `in`. Throws
  // VIR_ERR_AUTH_FAILED "Failed to step SASL negotiation: N (detail)".
  Result step(const std::optional<std::string>& in, std::optional<std::string>& out) EXCLUDES(mu_);

  // After Result::Interact: the questions without an answer, in order.
  std::vector<SaslQuestion> questions() const;
  // Answers questions()[i] with answers[i] (nullopt leaves it unanswered).
  // The answers are kept (and wiped on the next round or destruction) until
  // the start or step retried with them returns.
  void answer(const std::vector<std::optional<std::string>>& answers);

  // The negotiated security strength factor (0: no security layer).
  int ssf() const;
  // The most bytes that one encode() may take (SASL_MAXOUTBUF).
  size_t maxEncodeSize() const;
  // The security layer, once negotiation completed. Thread-safe: a reader
  // and a writer may use it at once. Throw VIR_ERR_INTERNAL_ERROR.
  std::string encode(const char* data, size_t size) EXCLUDES(mu_);
  std::string decode(const char* data, size_t size) EXCLUDES(mu_);

 private:
  struct Conn;
  Result outcome(int rc, const char* what) REQUIRES(mu_);
  void forgetAnswers() REQUIRES(mu_);

  // SASL's connection is not safe for concurrent use (a reader decodes while
  // a writer encodes), so every use holds mu_.
  mutable Mutex mu_;
  std::unique_ptr<Conn> conn_ GUARDED_BY(mu_);
  // The answers that SASL's interactions point at.
  std::vector<std::unique_ptr<std::string>> answers_ GUARDED_BY(mu_);
};

}  // namespace vireo::rpc
