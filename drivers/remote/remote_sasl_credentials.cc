#include "drivers/remote/remote_sasl_credentials.h"

#include <cstdlib>
#include <cstring>
#include <string>

#include "lib/util/error.h"

namespace vireo::remote {
namespace {

using rpc::SaslCredential;

int virCredOf(SaslCredential c) {
  switch (c) {
    case SaslCredential::User: return VIR_CRED_USERNAME;
    case SaslCredential::AuthName: return VIR_CRED_AUTHNAME;
    case SaslCredential::Language: return VIR_CRED_LANGUAGE;
    case SaslCredential::CNonce: return VIR_CRED_CNONCE;
    case SaslCredential::Pass: return VIR_CRED_PASSPHRASE;
    case SaslCredential::EchoPrompt: return VIR_CRED_ECHOPROMPT;
    case SaslCredential::NoEchoPrompt: return VIR_CRED_NOECHOPROMPT;
    case SaslCredential::Realm: return VIR_CRED_REALM;
  }
  return 0;
}

std::optional<SaslCredential> saslCredOf(int type) {
  switch (type) {
    case VIR_CRED_USERNAME: return SaslCredential::User;
    case VIR_CRED_AUTHNAME: return SaslCredential::AuthName;
    case VIR_CRED_LANGUAGE: return SaslCredential::Language;
    case VIR_CRED_CNONCE: return SaslCredential::CNonce;
    case VIR_CRED_PASSPHRASE: return SaslCredential::Pass;
    case VIR_CRED_ECHOPROMPT: return SaslCredential::EchoPrompt;
    case VIR_CRED_NOECHOPROMPT: return SaslCredential::NoEchoPrompt;
    case VIR_CRED_REALM: return SaslCredential::Realm;
    default: return std::nullopt;  // VIR_CRED_EXTERNAL: nothing SASL asks
  }
}

// The auth file's key for a credential; only these four are looked up.
const char* fileKeyOf(SaslCredential c) {
  switch (c) {
    case SaslCredential::User: return "username";
    case SaslCredential::AuthName: return "authname";
    case SaslCredential::Pass: return "password";
    case SaslCredential::Realm: return "realm";
    default: return nullptr;
  }
}

// The callback's answers, allocated by it with malloc: wiped (they may be
// passphrases) and freed however the exchange ends.
struct CallbackAnswers {
  std::vector<virConnectCredential> creds;
  ~CallbackAnswers() {
    for (auto& c : creds) {
      if (!c.result) continue;
      explicit_bzero(c.result, c.resultlen);
      std::free(c.result);
    }
  }
};

}  // namespace

std::optional<std::vector<SaslCredential>> saslCredentialsOf(virConnectAuthPtr auth) {
  if (!auth) return std::nullopt;
  std::vector<SaslCredential> list;
  for (unsigned i = 0; auth->credtype && i < auth->ncredtype; i++)
    if (auto c = saslCredOf(auth->credtype[i])) list.push_back(*c);
  return list;
}

SaslCredentialSource::SaslCredentialSource(const Uri& uri, std::string host, virConnectAuthPtr auth)
    : uri_(uri), host_(std::move(host)), auth_(auth) {}

void SaslCredentialSource::answer(rpc::SaslClient& sasl) {
  std::vector<rpc::SaslQuestion> questions = sasl.questions();
  if (!fileLooked_) {
    fileLooked_ = true;
    if (auto path = AuthFile::pathFor(uri_)) file_ = AuthFile::load(*path);
  }
  std::vector<std::optional<std::string>> answers(questions.size());
  std::vector<size_t> forCallback;  // the questions the file does not answer
  for (size_t i = 0; i < questions.size(); i++) {
    const char* key = fileKeyOf(questions[i].kind);
    if (file_ && key) answers[i] = file_->lookup("libvirt", host_, key);
    if (!answers[i]) forCallback.push_back(i);
  }
  CallbackAnswers asked;
  if (!forCallback.empty()) {
    if (!auth_ || !auth_->cb) fail(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE, "No authentication callback available");
    for (size_t i : forCallback) {
      const rpc::SaslQuestion& q = questions[i];
      virConnectCredential c{};
      c.type = virCredOf(q.kind);
      c.prompt = q.prompt.c_str();
      c.challenge = q.challenge ? q.challenge->c_str() : nullptr;
      c.defresult = q.defaultAnswer ? q.defaultAnswer->c_str() : nullptr;
      asked.creds.push_back(c);
    }
    if (auth_->cb(asked.creds.data(), static_cast<unsigned>(asked.creds.size()), auth_->cbdata) < 0)
      fail(VIR_ERR_AUTH_FAILED, VIR_FROM_REMOTE, "Failed to collect auth credentials");
    for (size_t k = 0; k < forCallback.size(); k++) {
      const virConnectCredential& c = asked.creds[k];
      // A callback that leaves a result unset answers "" (SASL would
      // otherwise ask the same question again, forever).
      answers[forCallback[k]] = c.result ? std::string(c.result, c.resultlen) : std::string();
    }
  }
  sasl.answer(answers);
  for (auto& a : answers)
    if (a) explicit_bzero(a->data(), a->size());
}

}  // namespace vireo::remote
