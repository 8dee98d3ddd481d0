#include "lib/rpc/sasl_client.h"

#include <sasl/sasl.h>

#include <cstdlib>
#include <cstring>
#include <mutex>

#include "lib/util/error.h"

namespace vireo::rpc {
namespace {

// The largest buffer the peer may send us in one piece of the layer; what
// libvirt asks for too.
constexpr unsigned kMaxBufSize = 65536;

int saslId(SaslCredential c) {
  switch (c) {
    case SaslCredential::User: return SASL_CB_USER;
    case SaslCredential::AuthName: return SASL_CB_AUTHNAME;
    case SaslCredential::Language: return SASL_CB_LANGUAGE;
    case SaslCredential::CNonce: return SASL_CB_CNONCE;
    case SaslCredential::Pass: return SASL_CB_PASS;
    case SaslCredential::EchoPrompt: return SASL_CB_ECHOPROMPT;
    case SaslCredential::NoEchoPrompt: return SASL_CB_NOECHOPROMPT;
    case SaslCredential::Realm: return SASL_CB_GETREALM;
  }
  return 0;
}

std::optional<SaslCredential> credentialOf(unsigned long id) {
  switch (id) {
    case SASL_CB_USER: return SaslCredential::User;
    case SASL_CB_AUTHNAME: return SaslCredential::AuthName;
    case SASL_CB_LANGUAGE: return SaslCredential::Language;
    case SASL_CB_CNONCE: return SaslCredential::CNonce;
    case SASL_CB_PASS: return SaslCredential::Pass;
    case SASL_CB_ECHOPROMPT: return SaslCredential::EchoPrompt;
    case SASL_CB_NOECHOPROMPT: return SaslCredential::NoEchoPrompt;
    case SASL_CB_GETREALM: return SaslCredential::Realm;
    default: return std::nullopt;
  }
}

std::string describe(int rc) { return std::to_string(rc) + " (" + sasl_errstring(rc, nullptr, nullptr) + ")"; }

// sasl_client_init once per process; its plugins stay loaded until exit.
void initLibrary() {
  static std::once_flag once;
  static int rc = SASL_OK;
  std::call_once(once, [] { rc = sasl_client_init(nullptr); });
  if (rc != SASL_OK) fail(VIR_ERR_AUTH_FAILED, VIR_FROM_RPC, "failed to initialize SASL library: " + describe(rc));
}

std::optional<std::string> outputOf(const char* out, unsigned len) {
  if (!out) return std::nullopt;  // "no message", which SASL tells from an empty one
  return std::string(out, len);
}

}  // namespace

struct SaslClient::Conn {
  sasl_conn_t* conn = nullptr;
  // SASL keeps a pointer to the callback list for the connection's life.
  std::vector<sasl_callback_t> callbacks;
  // After SASL_INTERACT: SASL's list of questions, ended by SASL_CB_LIST_END.
  // The same pointer goes back into the retried start or step, which reads
  // the answers from it and frees it.
  sasl_interact_t* interact = nullptr;
  ~Conn() {
    // A negotiation abandoned while SASL waited for answers: the plugin
    // would have freed its questions on the next call, which never comes.
    std::free(interact);
    if (conn) sasl_dispose(&conn);
  }
};

SaslClient::SaslClient(const SaslClientOptions& o) {
  MutexLock lock(mu_);
  conn_ = std::make_unique<Conn>();
  initLibrary();
  if (o.credentials) {
    // Ids with no procedure: SASL then stops with SASL_INTERACT instead of
    // calling back (see the header).
    for (SaslCredential c : *o.credentials) conn_->callbacks.push_back({static_cast<unsigned long>(saslId(c)), nullptr, nullptr});
    conn_->callbacks.push_back({SASL_CB_LIST_END, nullptr, nullptr});
  }
  int rc = sasl_client_new(o.service.c_str(), o.serverFqdn.c_str(), o.localAddr.c_str(), o.remoteAddr.c_str(),
                           o.credentials ? conn_->callbacks.data() : nullptr, SASL_SUCCESS_DATA, &conn_->conn);
  if (rc != SASL_OK) {
    conn_->conn = nullptr;
    fail(VIR_ERR_AUTH_FAILED, VIR_FROM_RPC, "Failed to create SASL client context: " + describe(rc));
  }
  if (o.externalSsf) {
    sasl_ssf_t ssf = *o.externalSsf;
    rc = sasl_setprop(conn_->conn, SASL_SSF_EXTERNAL, &ssf);
    if (rc != SASL_OK) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "cannot set external SSF " + describe(rc));
  }
  sasl_security_properties_t props{};
  props.min_ssf = o.minSsf;
  props.max_ssf = o.maxSsf;
  props.maxbufsize = kMaxBufSize;
  props.security_flags = o.allowAnonymous ? 0 : SASL_SEC_NOANONYMOUS | SASL_SEC_NOPLAINTEXT;
  rc = sasl_setprop(conn_->conn, SASL_SEC_PROPS, &props);
  if (rc != SASL_OK) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "cannot set security props " + describe(rc));
}

SaslClient::~SaslClient() {
  MutexLock lock(mu_);
  forgetAnswers();
}

SaslClient::Result SaslClient::outcome(int rc, const char* what) {
  switch (rc) {
    case SASL_OK: return Result::Complete;
    case SASL_CONTINUE: return Result::Continue;
    case SASL_INTERACT: return Result::Interact;
    default:
      fail(VIR_ERR_AUTH_FAILED, VIR_FROM_RPC,
           std::string("Failed to ") + what + " SASL negotiation: " + std::to_string(rc) + " (" +
               sasl_errdetail(conn_->conn) + ")");
  }
}

SaslClient::Result SaslClient::start(const std::string& mechlist, std::optional<std::string>& out,
                                     std::string& mech) {
  MutexLock lock(mu_);
  const char* data = nullptr;
  unsigned len = 0;
  const char* chosen = nullptr;
  int rc = sasl_client_start(conn_->conn, mechlist.c_str(), &conn_->interact, &data, &len, &chosen);
  Result r = outcome(rc, "start");
  out = outputOf(data, len);
  // A start retried after SASL_INTERACT may leave the mechanism unset: the
  // first call's choice stands.
  if (chosen) mech = chosen;
  return r;
}

SaslClient::Result SaslClient::step(const std::optional<std::string>& in, std::optional<std::string>& out) {
  MutexLock lock(mu_);
  const char* data = nullptr;
  unsigned len = 0;
  int rc = sasl_client_step(conn_->conn, in ? in->data() : nullptr, in ? static_cast<unsigned>(in->size()) : 0,
                            &conn_->interact, &data, &len);
  Result r = outcome(rc, "step");
  out = outputOf(data, len);
  return r;
}

std::vector<SaslQuestion> SaslClient::questions() const {
  MutexLock lock(mu_);
  std::vector<SaslQuestion> list;
  for (sasl_interact_t* i = conn_->interact; i && i->id != SASL_CB_LIST_END; i++) {
    if (i->result) continue;  // answered already
    auto kind = credentialOf(i->id);
    if (!kind) fail(VIR_ERR_AUTH_FAILED, VIR_FROM_RPC, "Failed to make auth credentials");
    SaslQuestion q{*kind, std::nullopt, i->prompt ? i->prompt : "", std::nullopt};
    if (i->challenge) q.challenge = i->challenge;
    if (i->defresult) q.defaultAnswer = i->defresult;
    list.push_back(std::move(q));
  }
  return list;
}

void SaslClient::answer(const std::vector<std::optional<std::string>>& answers) {
  MutexLock lock(mu_);
  forgetAnswers();
  size_t n = 0;
  for (sasl_interact_t* i = conn_->interact; i && i->id != SASL_CB_LIST_END; i++) {
    if (i->result) continue;
    if (n >= answers.size()) break;
    const std::optional<std::string>& a = answers[n++];
    if (!a) continue;
    answers_.push_back(std::make_unique<std::string>(*a));
    i->result = answers_.back()->c_str();
    i->len = static_cast<unsigned>(answers_.back()->size());
  }
}

void SaslClient::forgetAnswers() {
  // Passphrases among them: wipe before the memory goes back to the heap.
  for (auto& a : answers_) explicit_bzero(a->data(), a->size());
  answers_.clear();
}

int SaslClient::ssf() const {
  MutexLock lock(mu_);
  const void* value = nullptr;
  int rc = sasl_getprop(conn_->conn, SASL_SSF, &value);
  if (rc != SASL_OK) fail(VIR_ERR_AUTH_FAILED, VIR_FROM_RPC, "cannot query SASL ssf on connection " + describe(rc));
  return static_cast<int>(*static_cast<const sasl_ssf_t*>(value));
}

size_t SaslClient::maxEncodeSize() const {
  MutexLock lock(mu_);
  const void* value = nullptr;
  int rc = sasl_getprop(conn_->conn, SASL_MAXOUTBUF, &value);
  if (rc != SASL_OK) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "cannot get security props " + describe(rc));
  unsigned size = *static_cast<const unsigned*>(value);
  return size > 0 ? size : kMaxBufSize;
}

std::string SaslClient::encode(const char* data, size_t size) {
  MutexLock lock(mu_);
  const char* out = nullptr;
  unsigned len = 0;
  int rc = sasl_encode(conn_->conn, data, static_cast<unsigned>(size), &out, &len);
  if (rc != SASL_OK) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "failed to encode SASL data: " + describe(rc));
  return std::string(out, len);
}

std::string SaslClient::decode(const char* data, size_t size) {
  MutexLock lock(mu_);
  const char* out = nullptr;
  unsigned len = 0;
  int rc = sasl_decode(conn_->conn, data, static_cast<unsigned>(size), &out, &len);
  if (rc != SASL_OK) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "failed to decode SASL data: " + describe(rc));
  return std::string(out ? out : "", len);
}

}  // namespace vireo::rpc
