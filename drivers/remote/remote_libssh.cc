#include "drivers/remote/remote_libssh.h"

#include <libssh/libssh.h>
#include <poll.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <vector>

#include "drivers/remote/remote_authfile.h"
#include "drivers/remote/remote_transport.h"
#include "lib/util/error.h"
#include "lib/util/file.h"

namespace vireo::remote {
namespace {

enum class HostKeyVerify { Normal, AutoAdd, Ignore };
enum class AuthMethod { Agent, Privkey, Password, KeyboardInteractive };

[[noreturn]] void failLibssh(std::string_view detail) { fail(VIR_ERR_LIBSSH, VIR_FROM_LIBSSH, detail); }

bool sameIgnoringCase(const std::string& a, const char* b) { return ::strcasecmp(a.c_str(), b) == 0; }

std::string homeDirectory() {
  if (const char* home = std::getenv("HOME"); home && *home) return home;
  if (passwd* pw = ::getpwuid(::geteuid())) return pw->pw_dir;
  return "/";
}

// libvirt's user configuration directory: $XDG_CONFIG_HOME/libvirt, else
// ~/.config/libvirt.
std::string userConfigDirectory() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return std::string(xdg) + "/libvirt";
  return homeDirectory() + "/.config/libvirt";
}

// The first private key of ~/.ssh libvirt looks for, or "" for none.
std::string defaultPrivateKey() {
  for (const char* name : {"identity", "id_dsa", "id_ecdsa", "id_ed25519", "id_rsa"}) {
    std::string path = homeDirectory() + "/.ssh/" + name;
    if (::access(path.c_str(), R_OK) == 0) return path;
  }
  return "";
}

std::vector<std::string> splitCommas(const std::string& s) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t comma = s.find(',', start);
    parts.push_back(s.substr(start, comma - start));
    if (comma == std::string::npos) return parts;
    start = comma + 1;
  }
}

// The first credential type the callback accepts (in its own order) that
// is one of `types`; -1 when none is.
int acceptedCredType(virConnectAuthPtr auth, std::initializer_list<int> types) {
  for (unsigned i = 0; i < auth->ncredtype; i++)
    for (int t : types)
      if (auth->credtype[i] == t) return t;
  return -1;
}

// The callback's answer in `cred`, its buffer wiped and freed.
std::string takeAnswer(virConnectCredential& cred) {
  std::string answer = cred.result ? std::string(cred.result, cred.resultlen) : std::string();
  if (cred.result) {
    ::explicit_bzero(cred.result, cred.resultlen);
    std::free(cred.result);
    cred.result = nullptr;
  }
  return answer;
}

// Asks the application's virConnectAuth callback for one answer: the first
// credential type it accepts among `types`. nullopt when it has none of
// them; throws when the callback fails.
std::optional<std::string> askCallback(virConnectAuthPtr auth, std::initializer_list<int> types,
                                       const std::string& prompt, const char* whatFailed) {
  if (!auth || !auth->cb) return std::nullopt;
  int chosen = acceptedCredType(auth, types);
  if (chosen < 0) return std::nullopt;
  virConnectCredential cred{};
  cred.type = chosen;
  cred.prompt = prompt.c_str();
  if (auth->cb(&cred, 1, auth->cbdata) != 0) {
    takeAnswer(cred);
    failLibssh(whatFailed);
  }
  return takeAnswer(cred);
}

// Zeroes a secret when it goes out of scope.
struct Secret {
  std::string value;
  ~Secret() { ::explicit_bzero(value.data(), value.size()); }
};

// The byte stream of an exec channel. libssh's session is not safe for two
// threads at once, and the RPC client reads on one thread while another
// writes: every libssh call holds mu_, and a reader waits for the socket
// outside it.
class LibsshChannel final : public rpc::Channel {
 public:
  LibsshChannel(ssh_session session, ssh_channel channel, int socket)
      : session_(session), channel_(channel), socket_(socket) {}
  ~LibsshChannel() override {
    ssh_channel_send_eof(channel_);
    ssh_channel_close(channel_);
    ssh_channel_free(channel_);
    ssh_disconnect(session_);
    ssh_free(session_);
  }

  void writeAll(const char* data, size_t size) override {
    std::lock_guard lock(mu_);
    while (size > 0) {
      int n = ssh_channel_write(channel_, data, static_cast<uint32_t>(size));
      if (n < 0) fail(VIR_ERR_LIBSSH, VIR_FROM_LIBSSH, std::string("write failed: ") + ssh_get_error(session_));
      data += n;
      size -= static_cast<size_t>(n);
    }
  }

  size_t read(char* buf, size_t size, std::vector<UniqueFd>&) override {
    for (;;) {
      {
        std::lock_guard lock(mu_);
        int n = ssh_channel_read_nonblocking(channel_, buf, static_cast<uint32_t>(size), 0);
        if (n > 0) return static_cast<size_t>(n);
        if (n == SSH_ERROR) fail(VIR_ERR_LIBSSH, VIR_FROM_LIBSSH, std::string("read failed: ") + ssh_get_error(session_));
        if (ssh_channel_is_eof(channel_) || ssh_channel_is_closed(channel_)) {
          int status = ssh_channel_get_exit_status(channel_);
          if (status > 0)
            failLibssh("Remote program terminated with non-zero code: " + std::to_string(status));
          return 0;
        }
      }
      // A writer may pull our data into libssh's buffers between the read
      // above and this poll: wake up now and then to look again.
      pollfd p{socket_, POLLIN, 0};
      ::poll(&p, 1, 50);
    }
  }

  bool hasBuffered() const override {
    std::lock_guard lock(mu_);
    return ssh_channel_poll(channel_, 0) > 0;
  }

  // As libvirt: neither TLS nor SASL, so not "encrypted" in its sense.
  bool isEncrypted() const override { return false; }
  int socket() const override { return socket_; }

 private:
  mutable std::mutex mu_;
  ssh_session session_;
  ssh_channel channel_;
  int socket_;  // libssh's socket: libssh closes it, we only poll it
};

class Session {
 public:
  Session() : s_(ssh_new()) {
    if (!s_) failLibssh("Failed to initialize libssh session");
  }
  ~Session() {
    if (channel_) ssh_channel_free(channel_);
    if (s_) {
      ssh_disconnect(s_);
      ssh_free(s_);
    }
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  ssh_session get() const { return s_; }
  std::string error() const { return ssh_get_error(s_); }
  ssh_channel channel_ = nullptr;
  // Hands session and channel over to the channel object.
  std::pair<ssh_session, ssh_channel> release() {
    auto r = std::make_pair(s_, channel_);
    s_ = nullptr;
    channel_ = nullptr;
    return r;
  }

 private:
  ssh_session s_;
};

std::string serverKeyHash(Session& s) {
  ssh_key key = nullptr;
  if (ssh_get_server_publickey(s.get(), &key) != SSH_OK) failLibssh("failed to get the key of the current session");
  unsigned char* hash = nullptr;
  size_t len = 0;
  int rc = ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA1, &hash, &len);
  ssh_key_free(key);
  if (rc < 0) failLibssh("failed to calculate ssh host key hash");
  char* hex = ssh_get_hexa(hash, len);
  ssh_clean_pubkey_hash(&hash);
  std::string out = hex ? hex : "";
  ssh_string_free_char(hex);
  return out;
}

void checkHostKey(Session& s, HostKeyVerify verify, const std::string& host, const std::string& port,
                  const std::string& knownHosts, virConnectAuthPtr auth) {
  if (verify == HostKeyVerify::Ignore) return;
  switch (ssh_session_is_known_server(s.get())) {
    case SSH_KNOWN_HOSTS_OK:
      return;
    case SSH_KNOWN_HOSTS_OTHER:
    case SSH_KNOWN_HOSTS_CHANGED:
      fail(VIR_ERR_AUTH_FAILED, VIR_FROM_LIBSSH,
           "!!! SSH HOST KEY VERIFICATION FAILED !!!: Identity of host '" + host + ":" + port +
               "' differs from stored identity. Please verify the new host key '" + serverKeyHash(s) +
               "' to avoid possible man in the middle attack. The key is stored in '" + knownHosts + "'.");
    case SSH_KNOWN_HOSTS_NOT_FOUND:
    case SSH_KNOWN_HOSTS_UNKNOWN: {
      if (verify == HostKeyVerify::Normal) {
        if (!auth || !auth->cb)
          failLibssh("No user interaction callback provided: Can't verify the session host key");
        std::string hash = serverKeyHash(s);
        auto answer = askCallback(auth, {VIR_CRED_ECHOPROMPT},
                                  "Accept SSH host key with hash '" + hash + "' for host '" + host + ":" + port +
                                      "' (y/n)?",
                                  "failed to retrieve decision to accept host key");
        if (!answer) failLibssh("no suitable callback for host key verification");
        if (::strcasecmp(answer->c_str(), "y") != 0)
          failLibssh("SSH host key for '" + host + "' (" + hash + ") was not accepted");
      }
      if (ssh_session_update_known_hosts(s.get()) < 0)
        failLibssh("failed to write known_host file '" + knownHosts + "': " + s.error());
      return;
    }
    case SSH_KNOWN_HOSTS_ERROR:
    default:
      failLibssh("failed to validate SSH host key: " + s.error());
  }
}

// Asks for a private key's passphrase through the application's callback.
struct PassphraseAsk {
  virConnectAuthPtr auth;
  bool failed = false;
};

int passphraseCallback(const char* prompt, char* buf, size_t len, int echo, int, void* userdata) {
  auto* ask = static_cast<PassphraseAsk*>(userdata);
  std::string shown = prompt ? prompt : "";
  while (!shown.empty() && (shown.back() == ' ' || shown.back() == ':')) shown.pop_back();
  try {
    auto answer = askCallback(ask->auth, echo ? std::initializer_list<int>{VIR_CRED_ECHOPROMPT}
                                              : std::initializer_list<int>{VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT},
                              shown, "failed to retrieve private key passphrase: callback has failed");
    if (!answer || answer->size() + 1 > len) {
      ask->failed = true;
      return -1;
    }
    std::memcpy(buf, answer->c_str(), answer->size() + 1);
    ::explicit_bzero(answer->data(), answer->size());
    return 0;
  } catch (const Error&) {
    ask->failed = true;
    return -1;
  }
}

int authPrivkey(Session& s, const std::string& keyfile, virConnectAuthPtr auth) {
  ssh_key pub = nullptr;
  std::string pubPath = keyfile + ".pub";
  int rc = ssh_pki_import_pubkey_file(pubPath.c_str(), &pub);
  if (rc == SSH_ERROR) fail(VIR_ERR_AUTH_FAILED, VIR_FROM_LIBSSH, "error while reading public key '" + pubPath + "'");
  if (rc == SSH_OK) {
    // Ask the server first whether it would take this key at all.
    int offered = ssh_userauth_try_publickey(s.get(), nullptr, pub);
    ssh_key_free(pub);
    if (offered != SSH_AUTH_SUCCESS) return offered;
  }
  PassphraseAsk ask{auth};
  ssh_key priv = nullptr;
  rc = ssh_pki_import_privkey_file(keyfile.c_str(), nullptr, passphraseCallback, &ask, &priv);
  if (rc == SSH_EOF) fail(VIR_ERR_AUTH_FAILED, VIR_FROM_LIBSSH, "error while reading private key '" + keyfile + "'");
  if (rc != SSH_OK)
    fail(VIR_ERR_AUTH_FAILED, VIR_FROM_LIBSSH,
         "error while opening private key '" + keyfile + "', wrong passphrase?");
  rc = ssh_userauth_publickey(s.get(), nullptr, priv);
  ssh_key_free(priv);
  return rc;
}

// As libvirt 9.0: a callback must be there even when the auth file has the
// password; the auth file's "password" for service "ssh" on this host
// comes first (virAuthGetPasswordPath), else the callback is asked.
int authPassword(Session& s, const Uri& uri, const std::string& user, const std::string& host,
                 virConnectAuthPtr auth) {
  if (!auth || !auth->cb) failLibssh("Can't perform authentication: Authentication callback not provided");
  Secret password;
  std::optional<std::string> fromFile;
  if (auto path = AuthFile::pathFor(uri)) fromFile = AuthFile::load(*path).lookup("ssh", host, "password");
  if (fromFile) {
    password.value = std::move(*fromFile);
  } else {
    int type = acceptedCredType(auth, {VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT});
    if (type < 0)
      fail(VIR_ERR_AUTH_FAILED, VIR_FROM_AUTH, "Missing VIR_CRED_PASSPHRASE or VIR_CRED_NOECHOPROMPT credential type");
    std::string prompt = "Enter " + user + "'s password for " + host;
    virConnectCredential cred{};
    cred.type = type;
    cred.prompt = prompt.c_str();
    cred.challenge = host.c_str();
    if (auth->cb(&cred, 1, auth->cbdata) < 0 || !cred.result) {
      takeAnswer(cred);
      fail(VIR_ERR_AUTH_FAILED, VIR_FROM_AUTH, "Password request failed");
    }
    password.value = takeAnswer(cred);
  }
  return ssh_userauth_password(s.get(), nullptr, password.value.c_str());
}

int authKeyboardInteractive(Session& s, virConnectAuthPtr auth) {
  int rc = ssh_userauth_kbdint(s.get(), nullptr, nullptr);
  while (rc == SSH_AUTH_INFO) {
    int prompts = ssh_userauth_kbdint_getnprompts(s.get());
    for (int i = 0; i < prompts; i++) {
      char echo = 0;
      const char* prompt = ssh_userauth_kbdint_getprompt(s.get(), static_cast<unsigned>(i), &echo);
      std::string shown = prompt ? prompt : "";
      if (const char* instr = ssh_userauth_kbdint_getinstruction(s.get()); instr && *instr)
        shown = std::string(instr) + "\n" + shown;
      auto answer = askCallback(auth, echo ? std::initializer_list<int>{VIR_CRED_ECHOPROMPT}
                                           : std::initializer_list<int>{VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT},
                                shown, "failed to retrieve keyboard interactive result: callback has failed");
      if (!answer) failLibssh("no suitable callback for input of key passphrase");
      Secret value{std::move(*answer)};
      if (ssh_userauth_kbdint_setanswer(s.get(), static_cast<unsigned>(i), value.value.c_str()) < 0)
        fail(VIR_ERR_AUTH_FAILED, VIR_FROM_LIBSSH, "authentication failed: " + s.error());
    }
    rc = ssh_userauth_kbdint(s.get(), nullptr, nullptr);
  }
  return rc;
}

void authenticate(Session& s, const std::vector<AuthMethod>& methods, const Uri& uri, const std::string& user,
                  const std::string& host, const std::string& keyfile, virConnectAuthPtr auth) {
  if (ssh_userauth_none(s.get(), nullptr) == SSH_AUTH_ERROR)
    failLibssh("Failed to authenticate as 'none': " + s.error());
  int offered = ssh_userauth_list(s.get(), nullptr);
  bool noMethod = false;
  bool refused = false;
  for (AuthMethod m : methods) {
    int needs = m == AuthMethod::Password              ? SSH_AUTH_METHOD_PASSWORD
                : m == AuthMethod::KeyboardInteractive ? SSH_AUTH_METHOD_INTERACTIVE
                                                       : SSH_AUTH_METHOD_PUBLICKEY;
    if (!(offered & needs)) {
      noMethod = true;
      continue;
    }
    int rc = SSH_AUTH_DENIED;
    switch (m) {
      case AuthMethod::Agent:
        rc = ssh_userauth_agent(s.get(), nullptr);
        if (rc == SSH_AUTH_ERROR) {
          // No agent to ask (no SSH_AUTH_SOCK) is a method that did not work, not the end.
          rc = SSH_AUTH_DENIED;
        }
        break;
      case AuthMethod::Privkey:
        rc = authPrivkey(s, keyfile, auth);
        break;
      case AuthMethod::Password:
        rc = authPassword(s, uri, user, host, auth);
        break;
      case AuthMethod::KeyboardInteractive:
        rc = authKeyboardInteractive(s, auth);
        break;
    }
    if (rc == SSH_AUTH_SUCCESS) return;
    if (rc == SSH_AUTH_ERROR) fail(VIR_ERR_AUTH_FAILED, VIR_FROM_LIBSSH, "authentication failed: " + s.error());
    refused = true;
  }
  if (methods.size() == 1) failLibssh("failed to authenticate: " + s.error());
  if (noMethod && !refused)
    fail(VIR_ERR_AUTH_FAILED, VIR_FROM_LIBSSH, "None of the requested authentication methods are supported by the server");
  fail(VIR_ERR_AUTH_FAILED, VIR_FROM_LIBSSH, "All provided authentication methods with credentials were rejected by the server");
}

void openExecChannel(Session& s, const std::string& command) {
  s.channel_ = ssh_channel_new(s.get());
  if (!s.channel_) failLibssh("failed to create libssh channel: " + s.error());
  if (ssh_channel_open_session(s.channel_) != SSH_OK) failLibssh("failed to open ssh channel: " + s.error());
  if (ssh_channel_request_exec(s.channel_, command.c_str()) != SSH_OK)
    failLibssh("failed to execute command '" + command + "': " + s.error());
}

}  // namespace

std::unique_ptr<rpc::Channel> openLibssh(const RemoteTarget& t, const Uri& uri, const std::string& remoteCommand,
                                         virConnectAuthPtr auth) {
  static const int initialized = ssh_init();
  if (initialized < 0) failLibssh("failed to initialize libssh");

  std::string host = t.host.empty() ? "localhost" : t.host;
  std::string port = t.port.empty() ? "22" : t.port;
  std::string user = t.user.empty() ? "root" : t.user;
  std::string knownHosts = !t.knownHosts.empty() ? t.knownHosts : userConfigDirectory() + "/known_hosts";
  std::string keyfile = !t.keyfile.empty() ? t.keyfile : defaultPrivateKey();

  HostKeyVerify verify = HostKeyVerify::Normal;
  const std::string& how = t.knownHostsVerify;
  if (how.empty() || sameIgnoringCase(how, "normal")) verify = HostKeyVerify::Normal;
  else if (sameIgnoringCase(how, "auto")) verify = HostKeyVerify::AutoAdd;
  else if (sameIgnoringCase(how, "ignore")) verify = HostKeyVerify::Ignore;
  else fail(VIR_ERR_INVALID_ARG, VIR_FROM_RPC, "Invalid host key verification method: '" + how + "'");

  std::string sshauth = !t.sshauth.empty() ? t.sshauth
                        : !keyfile.empty() ? "agent,privkey,password,keyboard-interactive"
                                           : "agent,password,keyboard-interactive";
  std::vector<AuthMethod> methods;
  for (const std::string& name : splitCommas(sshauth)) {
    if (sameIgnoringCase(name, "keyboard-interactive")) methods.push_back(AuthMethod::KeyboardInteractive);
    else if (sameIgnoringCase(name, "password")) methods.push_back(AuthMethod::Password);
    else if (sameIgnoringCase(name, "agent")) methods.push_back(AuthMethod::Agent);
    else if (sameIgnoringCase(name, "privkey")) {
      if (keyfile.empty()) failLibssh("Key file path must be provided for private key authentication");
      methods.push_back(AuthMethod::Privkey);
    } else {
      fail(VIR_ERR_INVALID_ARG, VIR_FROM_RPC, "Invalid authentication method: '" + name + "'");
    }
  }

  Session s;
  unsigned int portNumber = static_cast<unsigned>(std::strtoul(port.c_str(), nullptr, 10));
  ssh_options_set(s.get(), SSH_OPTIONS_USER, user.c_str());
  ssh_options_set(s.get(), SSH_OPTIONS_HOST, host.c_str());
  ssh_options_set(s.get(), SSH_OPTIONS_PORT, &portNumber);
  ssh_options_set(s.get(), SSH_OPTIONS_KNOWNHOSTS, knownHosts.c_str());
  // As libvirt, the user's ~/.ssh/config applies too.
  ssh_options_parse_config(s.get(), nullptr);

  // From here on the session owns the socket and closes it (ssh_free).
  socket_t fd = connectTcp(host, port).release();
  ssh_options_set(s.get(), SSH_OPTIONS_FD, &fd);
  if (ssh_connect(s.get()) != SSH_OK)
    fail(VIR_ERR_NO_CONNECT, VIR_FROM_LIBSSH, "SSH session handshake failed: " + s.error());
  checkHostKey(s, verify, host, port, knownHosts, auth);
  authenticate(s, methods, uri, user, host, keyfile, auth);
  openExecChannel(s, remoteCommand);
  auto [session, channel] = s.release();
  return std::make_unique<LibsshChannel>(session, channel, fd);
}

}  // namespace vireo::remote
