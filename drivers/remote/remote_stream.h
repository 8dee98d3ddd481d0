// Streams over the daemon's connection: the driver::Stream backing of a
// virStreamPtr that a remote procedure opened (rpc::ClientStream does the
// packets), and the procedures that open one, as libvirt's client sends
// them: virDomainOpenConsole (201), virDomainOpenChannel (296) and
// virDomainScreenshot (211, whose reply carries the MIME type),
// virStorageVolUpload (208) and virStorageVolDownload (209), sparse when
// their flags say VIR_STORAGE_VOL_{UP,DOWN}LOAD_SPARSE_STREAM (the daemon
// then sends and takes STREAM_HOLE packets).
//
// A remote stream is always ready to send (the packet goes out at once, as
// in libvirt); it is readable once a packet or the end arrived, which its
// eventFd() signals, whether the packet was read by a blocking call or by
// the event loop that watches the connection's socket.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "lib/driver/connection.h"
#include "lib/driver/hypervisor_driver.h"
#include "lib/driver/storage_driver.h"
#include "lib/driver/stream.h"
#include "lib/rpc/client_stream.h"

namespace vireo::remote {

class RemoteStream : public driver::Stream {
 public:
  explicit RemoteStream(std::unique_ptr<rpc::ClientStream> stream) : stream_(std::move(stream)) {}

  void setNonBlocking(bool nonBlocking) override { nonBlocking_ = nonBlocking; }
  int send(const char* data, std::size_t nbytes) override;
  int recv(char* data, std::size_t nbytes, bool stopAtHole) override;
  void sendHole(long long length) override;
  long long recvHole() override;
  // libvirt's remote streams have no virStreamInData: VIR_ERR_NO_SUPPORT.
  bool inData(long long& length) override;
  int eventFd() const override;
  void finish() override;
  void abort() override;
  bool closed() const override { return stream_->ended(); }

 private:
  std::unique_ptr<rpc::ClientStream> stream_;
  std::atomic<bool> nonBlocking_{false};
};

// Calls stream procedure `proc` of `prog` with encoded `args` and returns
// the stream it opened, its reply payload in `reply` when asked for.
// `sparse`: the call asked for holes (VIR_STORAGE_VOL_*_SPARSE_STREAM).
std::shared_ptr<RemoteStream> openStream(driver::Connection& conn, uint32_t prog, int proc,
                                         const std::vector<char>& args, bool sparse,
                                         std::string* reply = nullptr);

namespace ops {

std::shared_ptr<driver::Stream> openConsole(driver::Connection& conn, driver::DomainIdentity& dom,
                                            const char* devName, unsigned int flags);
std::shared_ptr<driver::Stream> openChannel(driver::Connection& conn, driver::DomainIdentity& dom,
                                            const char* name, unsigned int flags);
driver::HypervisorDriver::Screenshot screenshot(driver::Connection& conn, driver::DomainIdentity& dom,
                                                unsigned int screen, unsigned int flags);

std::shared_ptr<driver::Stream> volUpload(driver::Connection& conn, const driver::StorageVolIdentity& vol,
                                          unsigned long long offset, unsigned long long length,
                                          unsigned int flags);
std::shared_ptr<driver::Stream> volDownload(driver::Connection& conn, const driver::StorageVolIdentity& vol,
                                            unsigned long long offset, unsigned long long length,
                                            unsigned int flags);

}  // namespace ops
}  // namespace vireo::remote
