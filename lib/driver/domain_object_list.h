// The domains of one driver instance, with libvirt's lookup and collision
// rules, shared by every driver.
//
// `T` is the driver's domain object; it has a `def` (conf::DomainDef, for the
// name and UUID), an `id` (-1 while inactive), identity() and listFacts()
// (what virConnectListAllDomains filters on). Objects are kept in
// definition order, which is the order listings return. They are shared, so
// that a driver operation that lets go of the driver lock while it waits
// (for QEMU, say) still holds a valid object if the domain is removed in
// the meantime. Not thread-safe: the driver holds its own lock around every
// call.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lib/driver/domain_identity.h"
#include "lib/driver/domain_list_filter.h"
#include "lib/util/error.h"
#include "lib/util/uuid.h"

namespace vireo::driver {

template <typename T>
class DomainObjectList {
 public:
  T* findByName(std::string_view name) const {
    auto it = byName_.find(std::string(name));
    return it == byName_.end() ? nullptr : it->second;
  }

  T* findByUuid(const Uuid& uuid) const {
    auto it = byUuid_.find(uuid);
    return it == byUuid_.end() ? nullptr : it->second.get();
  }

  T* findById(int id) const {
    if (id < 0) return nullptr;
    for (const auto& d : objects_)
      if (d->id == id) return d.get();
    return nullptr;
  }

  // libvirt's collision rules for a new definition: the same UUID under
  // another name, or the same name under another UUID, is
  // VIR_ERR_OPERATION_FAILED. Returns the object with this very name and
  // UUID, if there is one.
  template <typename Def>
  T* findSame(const Def& def) const {
    if (T* byUuid = findByUuid(def.uuid)) {
      if (byUuid->def.name != def.name)
        fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
             "domain '" + byUuid->def.name + "' is already defined with uuid " + def.uuid.toString());
      return byUuid;
    }
    if (T* byName = findByName(def.name))
      fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
           "domain '" + def.name + "' already exists with uuid " + byName->def.uuid.toString());
    return nullptr;
  }

  T& add(std::shared_ptr<T> obj) {
    T* raw = obj.get();
    objects_.push_back(std::move(obj));
    byName_[raw->def.name] = raw;
    byUuid_[raw->def.uuid] = objects_.back();
    return *raw;
  }

  // Forgets `obj` and destroys it.
  void remove(const T* obj) {
    byName_.erase(obj->def.name);
    byUuid_.erase(obj->def.uuid);
    auto it = std::find_if(objects_.begin(), objects_.end(), [&](const auto& d) { return d.get() == obj; });
    if (it != objects_.end()) objects_.erase(it);
  }

  // The object a handle names; VIR_ERR_NO_DOMAIN in `errorDomain` with
  // libvirt's words when it is gone.
  T& get(const DomainIdentity& identity, virErrorDomain errorDomain) const {
    T* obj = findByUuid(identity.uuid);
    if (!obj) notFound(identity, errorDomain);
    return *obj;
  }

  // Like get(), and shares ownership with the caller.
  std::shared_ptr<T> share(const DomainIdentity& identity, virErrorDomain errorDomain) const {
    auto it = byUuid_.find(identity.uuid);
    if (it == byUuid_.end()) notFound(identity, errorDomain);
    return it->second;
  }

  [[noreturn]] static void notFound(const DomainIdentity& identity, virErrorDomain errorDomain) {
    fail(VIR_ERR_NO_DOMAIN, errorDomain,
         "no domain with matching uuid '" + identity.uuid.toString() + "' (" + identity.name + ")");
  }

  // virConnectListAllDomains: the objects whose facts match `flags`, in
  // definition order.
  std::vector<DomainIdentity> listMatching(unsigned int flags) const {
    std::vector<DomainIdentity> out;
    for (const auto& d : objects_)
      if (matchesListFlags(d->listFacts(), flags)) out.push_back(d->identity());
    return out;
  }

  const std::vector<std::shared_ptr<T>>& all() const { return objects_; }
  auto begin() const { return objects_.begin(); }
  auto end() const { return objects_.end(); }
  size_t size() const { return objects_.size(); }

 private:
  std::vector<std::shared_ptr<T>> objects_;
  std::unordered_map<std::string, T*> byName_;
  std::unordered_map<Uuid, std::shared_ptr<T>> byUuid_;
};

}  // namespace vireo::driver
