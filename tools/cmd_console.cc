// cmd_console.cc: the vireo tool's `console` command, an interactive
// session on a domain's console, as `virsh console`:
//
//   vireo console DOM [--devname NAME] [--force] [--safe]
//
// The console is opened with virDomainOpenConsole on a non-blocking stream.
// The default event loop (registered by main()) watches both directions:
// the terminal's input (virEventAddHandle on stdin) is sent to the stream,
// the stream's output (virStreamEventAddCallback) is written to stdout.
// When stdin is a terminal it is put in raw mode for the session and
// restored afterwards, whatever ends the session. Ctrl-] (0x1d) ends it;
// so does the end of the stream (the domain stopped) or an error.
#include "commands.h"
#include "util.h"

#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string>

namespace vireo_tool {

namespace {

constexpr char kEscape = 0x1d;  // Ctrl-]

// Raw mode on a terminal for the lifetime of the object.
class RawTerminal {
public:
    explicit RawTerminal(int fd) : fd_(fd)
    {
        if (!isatty(fd) || tcgetattr(fd, &saved_) < 0)
            return;
        struct termios raw = saved_;
        cfmakeraw(&raw);
        active_ = tcsetattr(fd, TCSAFLUSH, &raw) == 0;
    }
    ~RawTerminal()
    {
        if (active_)
            tcsetattr(fd_, TCSAFLUSH, &saved_);
    }
    RawTerminal(const RawTerminal &) = delete;
    RawTerminal &operator=(const RawTerminal &) = delete;

private:
    int fd_;
    struct termios saved_ {};
    bool active_ = false;
};

struct Session {
    virStreamPtr stream = nullptr;
    bool done = false;
    bool failed = false;
};

// Writes all of `data` to a non-blocking stream; false on error.
bool send_all(virStreamPtr st, const char *data, size_t len)
{
    while (len > 0) {
        int n = virStreamSend(st, data, len);
        if (n == -2) {
            usleep(1000);  // the guest reads slowly: a keyboard's pace
            continue;
        }
        if (n < 0)
            return false;
        data += n;
        len -= static_cast<size_t>(n);
    }
    return true;
}

void on_stdin(int watch, int fd, int, void *opaque)
{
    auto *s = static_cast<Session *>(opaque);
    char buf[1024];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    if (n <= 0) {  // the terminal is gone
        s->done = true;
        virEventRemoveHandle(watch);
        return;
    }
    size_t len = static_cast<size_t>(n);
    for (size_t i = 0; i < len; ++i) {
        if (buf[i] == kEscape) {
            len = i;
            s->done = true;
            break;
        }
    }
    if (len > 0 && !send_all(s->stream, buf, len)) {
        s->failed = true;
        s->done = true;
    }
    if (s->done)
        virEventRemoveHandle(watch);
}

void on_stream(virStreamPtr st, int events, void *opaque)
{
    auto *s = static_cast<Session *>(opaque);
    char buf[4096];
    for (;;) {
        int n = virStreamRecv(st, buf, sizeof buf);
        if (n == -2)
            break;
        if (n <= 0) {  // 0: the domain closed the console; -1: an error
            s->failed = n < 0;
            s->done = true;
            return;
        }
        if (fwrite(buf, 1, static_cast<size_t>(n), stdout) != static_cast<size_t>(n)) {
            s->done = true;
            return;
        }
    }
    fflush(stdout);
    if (events & (VIR_STREAM_EVENT_ERROR | VIR_STREAM_EVENT_HANGUP))
        s->done = true;
}

}  // namespace

int cmd_console(virConnectPtr conn, const Args &args)
{
    Domain dom = lookup_domain(conn, args.positional[0]);
    if (!dom)
        return 1;
    const std::string *devname = args.value("devname");
    unsigned int flags = (args.has("force") ? VIR_DOMAIN_CONSOLE_FORCE : 0) |
                         (args.has("safe") ? VIR_DOMAIN_CONSOLE_SAFE : 0);
    Session s;
    s.stream = virStreamNew(conn, VIR_STREAM_NONBLOCK);
    if (!s.stream)
        return report_error();
    if (virDomainOpenConsole(dom.get(), devname ? devname->c_str() : nullptr, s.stream, flags) < 0) {
        int rc = report_error("internal error: cannot open the console");
        virStreamFree(s.stream);
        return rc;
    }
    std::printf("Connected to domain '%s'\nEscape character is ^] (Ctrl + ])\n", virDomainGetName(dom.get()));
    std::fflush(stdout);
    int rc = 0;
    {
        RawTerminal raw(STDIN_FILENO);
        int watch = virEventAddHandle(STDIN_FILENO, VIR_EVENT_HANDLE_READABLE, on_stdin, &s, nullptr);
        if (watch < 0 ||
            virStreamEventAddCallback(s.stream, VIR_STREAM_EVENT_READABLE, on_stream, &s, nullptr) < 0) {
            s.failed = true;
            s.done = true;
        }
        while (!s.done && virEventRunDefaultImpl() == 0) {
        }
        if (!s.failed)
            virStreamEventRemoveCallback(s.stream);
        if (watch >= 0)
            virEventRemoveHandle(watch);
    }
    std::printf("\n");
    if (s.failed) {
        rc = report_error();
        virStreamAbort(s.stream);
    } else if (virStreamFinish(s.stream) < 0) {
        rc = report_error();
    }
    virStreamFree(s.stream);
    return rc;
}

}  // namespace vireo_tool
