// The type of a driver-table entry whose C++ signature is not designed yet.
//
// Some public functions cannot be forwarded to a driver mechanically: they
// return or take handles of a kind vireo has no handle type for yet
// (networks, storage pools, snapshots, streams, ...), or callbacks and
// structures that hold handles. Their table entries exist, named after the
// function as every entry is, so that the facade consults the table and
// reports VIR_ERR_NO_SUPPORT through the shared default like any other null
// entry. A driver cannot fill such an entry: implementing the function means
// giving the entry its real signature and the facade its conversion.
#pragma once

namespace vireo::driver {

using PendingEntry = void (*)();

}  // namespace vireo::driver
