/*
 * libvirt-domain.h: virtual machines (domains): lifecycle, devices, tuning, events
 *
 * This file is part of vireo, a C++ implementation of the libvirt
 * 9.0.0 public C API.  Names, values, types and layouts follow that
 * API so that existing libvirt client programs build unchanged.
 */

#ifndef __VIR_LIBVIRT_H_INCLUDES__
# error "include <libvirt/libvirt.h> instead of <libvirt/libvirt-domain.h>"
#endif

#ifndef VIREO_LIBVIRT_DOMAIN_H
#define VIREO_LIBVIRT_DOMAIN_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Opaque handle for a domain (virtual machine or container). Release with
 * virDomainFree().
 */
typedef struct _virDomain virDomain;

/**
 * Copy the bitmap of vCPU @p vcpu out of an array of bitmaps into @p cpumap
 * (needs memcpy() from <string.h>).
 */
#define VIR_COPY_CPUMAP(cpumaps, maplen, vcpu, cpumap) memcpy(cpumap, VIR_GET_CPUMAP(cpumaps, maplen, vcpu), maplen)

/**
 * Number of bytes needed for a CPU bitmap covering @p cpu CPUs.
 */
#define VIR_CPU_MAPLEN(cpu) (((cpu) + 7) / 8)

/**
 * Non-zero if vCPU @p vcpu may run on host CPU @p cpu, according to an array
 * of bitmaps of @p maplen bytes each.
 */
#define VIR_CPU_USABLE(cpumaps, maplen, vcpu, cpu) VIR_CPU_USED(VIR_GET_CPUMAP(cpumaps, maplen, vcpu), cpu)

/**
 * Non-zero if the bit of CPU @p cpu is set in a CPU bitmap.
 */
#define VIR_CPU_USED(cpumap, cpu) ((cpumap)[(cpu) / 8] & (1 << ((cpu) % 8)))

/**
 * Interface bandwidth parameter for
 * virDomainSetInterfaceParameters()/virDomainGetInterfaceParameters():
 * "inbound.average". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_DOMAIN_BANDWIDTH_IN_AVERAGE "inbound.average"

/**
 * Interface bandwidth parameter for
 * virDomainSetInterfaceParameters()/virDomainGetInterfaceParameters():
 * "inbound.burst". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_DOMAIN_BANDWIDTH_IN_BURST "inbound.burst"

/**
 * Interface bandwidth parameter for
 * virDomainSetInterfaceParameters()/virDomainGetInterfaceParameters():
 * "inbound.floor". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_DOMAIN_BANDWIDTH_IN_FLOOR "inbound.floor"

/**
 * Interface bandwidth parameter for
 * virDomainSetInterfaceParameters()/virDomainGetInterfaceParameters():
 * "inbound.peak". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_DOMAIN_BANDWIDTH_IN_PEAK "inbound.peak"

/**
 * Interface bandwidth parameter for
 * virDomainSetInterfaceParameters()/virDomainGetInterfaceParameters():
 * "outbound.average". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE "outbound.average"

/**
 * Interface bandwidth parameter for
 * virDomainSetInterfaceParameters()/virDomainGetInterfaceParameters():
 * "outbound.burst". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_DOMAIN_BANDWIDTH_OUT_BURST "outbound.burst"

/**
 * Interface bandwidth parameter for
 * virDomainSetInterfaceParameters()/virDomainGetInterfaceParameters():
 * "outbound.peak". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_DOMAIN_BANDWIDTH_OUT_PEAK "outbound.peak"

/**
 * Block I/O tuning parameter for
 * virDomainSetBlkioParameters()/virDomainGetBlkioParameters():
 * "device_read_bytes_sec". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_DOMAIN_BLKIO_DEVICE_READ_BPS "device_read_bytes_sec"

/**
 * Block I/O tuning parameter for
 * virDomainSetBlkioParameters()/virDomainGetBlkioParameters():
 * "device_read_iops_sec". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS "device_read_iops_sec"

/**
 * Block I/O tuning parameter for
 * virDomainSetBlkioParameters()/virDomainGetBlkioParameters():
 * "device_weight". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_DOMAIN_BLKIO_DEVICE_WEIGHT "device_weight"

/**
 * Block I/O tuning parameter for
 * virDomainSetBlkioParameters()/virDomainGetBlkioParameters():
 * "device_write_bytes_sec". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS "device_write_bytes_sec"

/**
 * Block I/O tuning parameter for
 * virDomainSetBlkioParameters()/virDomainGetBlkioParameters():
 * "device_write_iops_sec". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS "device_write_iops_sec"

/**
 * Size of the name field of virBlkioParameter.
 */
#define VIR_DOMAIN_BLKIO_FIELD_LENGTH VIR_TYPED_PARAM_FIELD_LENGTH

/**
 * Block I/O tuning parameter for
 * virDomainSetBlkioParameters()/virDomainGetBlkioParameters(): "weight".
 * Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_DOMAIN_BLKIO_WEIGHT "weight"

/**
 * Block copy parameter for virDomainBlockCopy(): "bandwidth".
 */
#define VIR_DOMAIN_BLOCK_COPY_BANDWIDTH "bandwidth"

/**
 * Block copy parameter for virDomainBlockCopy(): "buf-size". Value type:
 * VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_COPY_BUF_SIZE "buf-size"

/**
 * Block copy parameter for virDomainBlockCopy(): "granularity". Value type:
 * VIR_TYPED_PARAM_UINT.
 */
#define VIR_DOMAIN_BLOCK_COPY_GRANULARITY "granularity"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune(): "group_name". Value
 * type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME "group_name"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune(): "read_bytes_sec".
 * Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC "read_bytes_sec"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune(): "read_bytes_sec_max".
 * Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX "read_bytes_sec_max"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune():
 * "read_bytes_sec_max_length". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH "read_bytes_sec_max_length"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune(): "read_iops_sec".
 * Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC "read_iops_sec"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune(): "read_iops_sec_max".
 * Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX "read_iops_sec_max"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune():
 * "read_iops_sec_max_length". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH "read_iops_sec_max_length"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune(): "size_iops_sec".
 * Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC "size_iops_sec"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune(): "total_bytes_sec".
 * Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC "total_bytes_sec"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune():
 * "total_bytes_sec_max". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX "total_bytes_sec_max"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune():
 * "total_bytes_sec_max_length". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH "total_bytes_sec_max_length"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune(): "total_iops_sec".
 * Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC "total_iops_sec"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune(): "total_iops_sec_max".
 * Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX "total_iops_sec_max"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune():
 * "total_iops_sec_max_length". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH "total_iops_sec_max_length"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune(): "write_bytes_sec".
 * Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC "write_bytes_sec"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune():
 * "write_bytes_sec_max". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX "write_bytes_sec_max"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune():
 * "write_bytes_sec_max_length". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH "write_bytes_sec_max_length"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune(): "write_iops_sec".
 * Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC "write_iops_sec"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune(): "write_iops_sec_max".
 * Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX "write_iops_sec_max"

/**
 * Disk I/O throttling parameter for
 * virDomainSetBlockIoTune()/virDomainGetBlockIoTune():
 * "write_iops_sec_max_length". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH "write_iops_sec_max_length"

/**
 * Disk statistic returned by virDomainBlockStatsFlags(): "errs". Value type:
 * VIR_TYPED_PARAM_LLONG.
 */
#define VIR_DOMAIN_BLOCK_STATS_ERRS "errs"

/**
 * Size of the name field of block statistics typed parameters.
 */
#define VIR_DOMAIN_BLOCK_STATS_FIELD_LENGTH VIR_TYPED_PARAM_FIELD_LENGTH

/**
 * Disk statistic returned by virDomainBlockStatsFlags(): "flush_operations".
 * Value type: VIR_TYPED_PARAM_LLONG.
 */
#define VIR_DOMAIN_BLOCK_STATS_FLUSH_REQ "flush_operations"

/**
 * Disk statistic returned by virDomainBlockStatsFlags():
 * "flush_total_times". Value type: VIR_TYPED_PARAM_LLONG.
 */
#define VIR_DOMAIN_BLOCK_STATS_FLUSH_TOTAL_TIMES "flush_total_times"

/**
 * Disk statistic returned by virDomainBlockStatsFlags(): "rd_bytes". Value
 * type: VIR_TYPED_PARAM_LLONG.
 */
#define VIR_DOMAIN_BLOCK_STATS_READ_BYTES "rd_bytes"

/**
 * Disk statistic returned by virDomainBlockStatsFlags(): "rd_operations".
 * Value type: VIR_TYPED_PARAM_LLONG.
 */
#define VIR_DOMAIN_BLOCK_STATS_READ_REQ "rd_operations"

/**
 * Disk statistic returned by virDomainBlockStatsFlags(): "rd_total_times".
 * Value type: VIR_TYPED_PARAM_LLONG.
 */
#define VIR_DOMAIN_BLOCK_STATS_READ_TOTAL_TIMES "rd_total_times"

/**
 * Disk statistic returned by virDomainBlockStatsFlags(): "wr_bytes". Value
 * type: VIR_TYPED_PARAM_LLONG.
 */
#define VIR_DOMAIN_BLOCK_STATS_WRITE_BYTES "wr_bytes"

/**
 * Disk statistic returned by virDomainBlockStatsFlags(): "wr_operations".
 * Value type: VIR_TYPED_PARAM_LLONG.
 */
#define VIR_DOMAIN_BLOCK_STATS_WRITE_REQ "wr_operations"

/**
 * Disk statistic returned by virDomainBlockStatsFlags(): "wr_total_times".
 * Value type: VIR_TYPED_PARAM_LLONG.
 */
#define VIR_DOMAIN_BLOCK_STATS_WRITE_TOTAL_TIMES "wr_total_times"

/**
 * CPU usage statistic returned by virDomainGetCPUStats(): "cpu_time". Value
 * type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_CPU_STATS_CPUTIME "cpu_time"

/**
 * CPU usage statistic returned by virDomainGetCPUStats(): "system_time".
 * Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_CPU_STATS_SYSTEMTIME "system_time"

/**
 * CPU usage statistic returned by virDomainGetCPUStats(): "user_time". Value
 * type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_CPU_STATS_USERTIME "user_time"

/**
 * CPU usage statistic returned by virDomainGetCPUStats(): "vcpu_time". Value
 * type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_CPU_STATS_VCPUTIME "vcpu_time"

/**
 * Cast an event specific callback to the generic type expected by
 * virConnectDomainEventRegisterAny().
 */
#define VIR_DOMAIN_EVENT_CALLBACK(cb) ((virConnectDomainEventGenericCallback)(void (*)(void))(cb))

/**
 * I/O thread parameter for virDomainSetIOThreadParams(): "poll_grow".
 */
#define VIR_DOMAIN_IOTHREAD_POLL_GROW "poll_grow"

/**
 * I/O thread parameter for virDomainSetIOThreadParams(): "poll_max_ns".
 */
#define VIR_DOMAIN_IOTHREAD_POLL_MAX_NS "poll_max_ns"

/**
 * I/O thread parameter for virDomainSetIOThreadParams(): "poll_shrink".
 */
#define VIR_DOMAIN_IOTHREAD_POLL_SHRINK "poll_shrink"

/**
 * I/O thread parameter for virDomainSetIOThreadParams(): "thread_pool_max".
 * Value type: VIR_TYPED_PARAM_INT.
 */
#define VIR_DOMAIN_IOTHREAD_THREAD_POOL_MAX "thread_pool_max"

/**
 * I/O thread parameter for virDomainSetIOThreadParams(): "thread_pool_min".
 * Value type: VIR_TYPED_PARAM_INT.
 */
#define VIR_DOMAIN_IOTHREAD_THREAD_POOL_MIN "thread_pool_min"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "auto_converge_throttle". Value type: VIR_TYPED_PARAM_INT.
 */
#define VIR_DOMAIN_JOB_AUTO_CONVERGE_THROTTLE "auto_converge_throttle"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "compression_bytes". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_COMPRESSION_BYTES "compression_bytes"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "compression_cache". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_COMPRESSION_CACHE "compression_cache"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "compression_cache_misses". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_COMPRESSION_CACHE_MISSES "compression_cache_misses"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "compression_overflow". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_COMPRESSION_OVERFLOW "compression_overflow"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "compression_pages". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_COMPRESSION_PAGES "compression_pages"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "data_processed". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_DATA_PROCESSED "data_processed"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "data_remaining". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_DATA_REMAINING "data_remaining"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "data_total". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_DATA_TOTAL "data_total"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "disk_bps". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_DISK_BPS "disk_bps"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "disk_processed". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_DISK_PROCESSED "disk_processed"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "disk_remaining". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_DISK_REMAINING "disk_remaining"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "disk_temp_total". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_DISK_TEMP_TOTAL "disk_temp_total"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "disk_temp_used". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_DISK_TEMP_USED "disk_temp_used"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "disk_total". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_DISK_TOTAL "disk_total"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "downtime". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_DOWNTIME "downtime"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "downtime_net". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_DOWNTIME_NET "downtime_net"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "errmsg".
 */
#define VIR_DOMAIN_JOB_ERRMSG "errmsg"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "memory_bps". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_MEMORY_BPS "memory_bps"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "memory_constant". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_MEMORY_CONSTANT "memory_constant"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "memory_dirty_rate". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_MEMORY_DIRTY_RATE "memory_dirty_rate"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "memory_iteration". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_MEMORY_ITERATION "memory_iteration"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "memory_normal". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_MEMORY_NORMAL "memory_normal"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "memory_normal_bytes". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_MEMORY_NORMAL_BYTES "memory_normal_bytes"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "memory_page_size". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_MEMORY_PAGE_SIZE "memory_page_size"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "memory_postcopy_requests". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_MEMORY_POSTCOPY_REQS "memory_postcopy_requests"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "memory_processed". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_MEMORY_PROCESSED "memory_processed"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "memory_remaining". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_MEMORY_REMAINING "memory_remaining"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "memory_total". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_MEMORY_TOTAL "memory_total"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "operation". Value type: VIR_TYPED_PARAM_INT.
 */
#define VIR_DOMAIN_JOB_OPERATION "operation"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "setup_time". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_SETUP_TIME "setup_time"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "success". Value type: VIR_TYPED_PARAM_BOOLEAN.
 */
#define VIR_DOMAIN_JOB_SUCCESS "success"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "time_elapsed". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_TIME_ELAPSED "time_elapsed"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "time_elapsed_net". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_TIME_ELAPSED_NET "time_elapsed_net"

/**
 * Job statistic returned by virDomainGetJobStats() and job-completed events:
 * "time_remaining". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_JOB_TIME_REMAINING "time_remaining"

/**
 * Launch security parameter used with
 * virDomainGetLaunchSecurityInfo()/virDomainSetLaunchSecurityState():
 * "sev-api-major". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_DOMAIN_LAUNCH_SECURITY_SEV_API_MAJOR "sev-api-major"

/**
 * Launch security parameter used with
 * virDomainGetLaunchSecurityInfo()/virDomainSetLaunchSecurityState():
 * "sev-api-minor". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_DOMAIN_LAUNCH_SECURITY_SEV_API_MINOR "sev-api-minor"

/**
 * Launch security parameter used with
 * virDomainGetLaunchSecurityInfo()/virDomainSetLaunchSecurityState():
 * "sev-build-id". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_DOMAIN_LAUNCH_SECURITY_SEV_BUILD_ID "sev-build-id"

/**
 * Launch security parameter used with
 * virDomainGetLaunchSecurityInfo()/virDomainSetLaunchSecurityState():
 * "sev-measurement". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_DOMAIN_LAUNCH_SECURITY_SEV_MEASUREMENT "sev-measurement"

/**
 * Launch security parameter used with
 * virDomainGetLaunchSecurityInfo()/virDomainSetLaunchSecurityState():
 * "sev-policy". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_DOMAIN_LAUNCH_SECURITY_SEV_POLICY "sev-policy"

/**
 * Launch security parameter used with
 * virDomainGetLaunchSecurityInfo()/virDomainSetLaunchSecurityState():
 * "sev-secret". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET "sev-secret"

/**
 * Launch security parameter used with
 * virDomainGetLaunchSecurityInfo()/virDomainSetLaunchSecurityState():
 * "sev-secret-header". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET_HEADER "sev-secret-header"

/**
 * Launch security parameter used with
 * virDomainGetLaunchSecurityInfo()/virDomainSetLaunchSecurityState():
 * "sev-secret-set-address". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET_SET_ADDRESS "sev-secret-set-address"

/**
 * Size of the name field of virMemoryParameter.
 */
#define VIR_DOMAIN_MEMORY_FIELD_LENGTH VIR_TYPED_PARAM_FIELD_LENGTH

/**
 * Memory tuning parameter for
 * virDomainSetMemoryParameters()/virDomainGetMemoryParameters():
 * "hard_limit". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_MEMORY_HARD_LIMIT "hard_limit"

/**
 * Memory tuning parameter for
 * virDomainSetMemoryParameters()/virDomainGetMemoryParameters():
 * "min_guarantee". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_MEMORY_MIN_GUARANTEE "min_guarantee"

/**
 * Value of a memory limit tunable meaning "no limit".
 */
#define VIR_DOMAIN_MEMORY_PARAM_UNLIMITED 9007199254740991LL

/**
 * Memory tuning parameter for
 * virDomainSetMemoryParameters()/virDomainGetMemoryParameters():
 * "soft_limit". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_MEMORY_SOFT_LIMIT "soft_limit"

/**
 * Memory tuning parameter for
 * virDomainSetMemoryParameters()/virDomainGetMemoryParameters():
 * "swap_hard_limit". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT "swap_hard_limit"

/**
 * NUMA tuning parameter for
 * virDomainSetNumaParameters()/virDomainGetNumaParameters(): "numa_mode".
 * Value type: VIR_TYPED_PARAM_INT.
 */
#define VIR_DOMAIN_NUMA_MODE "numa_mode"

/**
 * NUMA tuning parameter for
 * virDomainSetNumaParameters()/virDomainGetNumaParameters(): "numa_nodeset".
 * Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_DOMAIN_NUMA_NODESET "numa_nodeset"

/**
 * Save/restore parameter for virDomainSaveParams()/virDomainRestoreParams():
 * "dxml".
 */
#define VIR_DOMAIN_SAVE_PARAM_DXML "dxml"

/**
 * Save/restore parameter for virDomainSaveParams()/virDomainRestoreParams():
 * "file".
 */
#define VIR_DOMAIN_SAVE_PARAM_FILE "file"

/**
 * Scheduler parameter for
 * virDomainSetSchedulerParameters()/virDomainGetSchedulerParameters():
 * "cap". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_DOMAIN_SCHEDULER_CAP "cap"

/**
 * Scheduler parameter for
 * virDomainSetSchedulerParameters()/virDomainGetSchedulerParameters():
 * "cpu_shares". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_SCHEDULER_CPU_SHARES "cpu_shares"

/**
 * Scheduler parameter for
 * virDomainSetSchedulerParameters()/virDomainGetSchedulerParameters():
 * "emulator_period". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_SCHEDULER_EMULATOR_PERIOD "emulator_period"

/**
 * Scheduler parameter for
 * virDomainSetSchedulerParameters()/virDomainGetSchedulerParameters():
 * "emulator_quota". Value type: VIR_TYPED_PARAM_LLONG.
 */
#define VIR_DOMAIN_SCHEDULER_EMULATOR_QUOTA "emulator_quota"

/**
 * Scheduler parameter for
 * virDomainSetSchedulerParameters()/virDomainGetSchedulerParameters():
 * "global_period". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_SCHEDULER_GLOBAL_PERIOD "global_period"

/**
 * Scheduler parameter for
 * virDomainSetSchedulerParameters()/virDomainGetSchedulerParameters():
 * "global_quota". Value type: VIR_TYPED_PARAM_LLONG.
 */
#define VIR_DOMAIN_SCHEDULER_GLOBAL_QUOTA "global_quota"

/**
 * Scheduler parameter for
 * virDomainSetSchedulerParameters()/virDomainGetSchedulerParameters():
 * "iothread_period". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_SCHEDULER_IOTHREAD_PERIOD "iothread_period"

/**
 * Scheduler parameter for
 * virDomainSetSchedulerParameters()/virDomainGetSchedulerParameters():
 * "iothread_quota". Value type: VIR_TYPED_PARAM_LLONG.
 */
#define VIR_DOMAIN_SCHEDULER_IOTHREAD_QUOTA "iothread_quota"

/**
 * Scheduler parameter for
 * virDomainSetSchedulerParameters()/virDomainGetSchedulerParameters():
 * "limit". Value type: VIR_TYPED_PARAM_LLONG.
 */
#define VIR_DOMAIN_SCHEDULER_LIMIT "limit"

/**
 * Scheduler parameter for
 * virDomainSetSchedulerParameters()/virDomainGetSchedulerParameters():
 * "reservation". Value type: VIR_TYPED_PARAM_LLONG.
 */
#define VIR_DOMAIN_SCHEDULER_RESERVATION "reservation"

/**
 * Scheduler parameter for
 * virDomainSetSchedulerParameters()/virDomainGetSchedulerParameters():
 * "shares". Value type: VIR_TYPED_PARAM_INT.
 */
#define VIR_DOMAIN_SCHEDULER_SHARES "shares"

/**
 * Scheduler parameter for
 * virDomainSetSchedulerParameters()/virDomainGetSchedulerParameters():
 * "vcpu_period". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_SCHEDULER_VCPU_PERIOD "vcpu_period"

/**
 * Scheduler parameter for
 * virDomainSetSchedulerParameters()/virDomainGetSchedulerParameters():
 * "vcpu_quota". Value type: VIR_TYPED_PARAM_LLONG.
 */
#define VIR_DOMAIN_SCHEDULER_VCPU_QUOTA "vcpu_quota"

/**
 * Scheduler parameter for
 * virDomainSetSchedulerParameters()/virDomainGetSchedulerParameters():
 * "weight". Value type: VIR_TYPED_PARAM_UINT.
 */
#define VIR_DOMAIN_SCHEDULER_WEIGHT "weight"

/**
 * Size of the name field of virSchedParameter.
 */
#define VIR_DOMAIN_SCHED_FIELD_LENGTH VIR_TYPED_PARAM_FIELD_LENGTH

/**
 * Largest number of keys virDomainSendKey() accepts in one call.
 */
#define VIR_DOMAIN_SEND_KEY_MAX_KEYS 16

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.disk". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_DISK "blkdeviotune.disk"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.group_name". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_GROUP_NAME "blkdeviotune.group_name"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.read_bytes_sec". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_READ_BYTES_SEC "blkdeviotune.read_bytes_sec"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.read_bytes_sec_max". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_READ_BYTES_SEC_MAX "blkdeviotune.read_bytes_sec_max"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.read_bytes_sec_max_length". Value type:
 * VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_READ_BYTES_SEC_MAX_LENGTH "blkdeviotune.read_bytes_sec_max_length"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.read_iops_sec". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_READ_IOPS_SEC "blkdeviotune.read_iops_sec"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.read_iops_sec_max". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_READ_IOPS_SEC_MAX "blkdeviotune.read_iops_sec_max"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.read_iops_sec_max_length". Value type:
 * VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_READ_IOPS_SEC_MAX_LENGTH "blkdeviotune.read_iops_sec_max_length"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.size_iops_sec". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_SIZE_IOPS_SEC "blkdeviotune.size_iops_sec"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.total_bytes_sec". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_BYTES_SEC "blkdeviotune.total_bytes_sec"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.total_bytes_sec_max". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_BYTES_SEC_MAX "blkdeviotune.total_bytes_sec_max"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.total_bytes_sec_max_length". Value type:
 * VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_BYTES_SEC_MAX_LENGTH "blkdeviotune.total_bytes_sec_max_length"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.total_iops_sec". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_IOPS_SEC "blkdeviotune.total_iops_sec"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.total_iops_sec_max". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_IOPS_SEC_MAX "blkdeviotune.total_iops_sec_max"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.total_iops_sec_max_length". Value type:
 * VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_IOPS_SEC_MAX_LENGTH "blkdeviotune.total_iops_sec_max_length"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.write_bytes_sec". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_BYTES_SEC "blkdeviotune.write_bytes_sec"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.write_bytes_sec_max". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_BYTES_SEC_MAX "blkdeviotune.write_bytes_sec_max"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.write_bytes_sec_max_length". Value type:
 * VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_BYTES_SEC_MAX_LENGTH "blkdeviotune.write_bytes_sec_max_length"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.write_iops_sec". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_IOPS_SEC "blkdeviotune.write_iops_sec"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.write_iops_sec_max". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_IOPS_SEC_MAX "blkdeviotune.write_iops_sec_max"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "blkdeviotune.write_iops_sec_max_length". Value type:
 * VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_IOPS_SEC_MAX_LENGTH "blkdeviotune.write_iops_sec_max_length"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "cputune.cpu_shares". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_CPU_CPU_SHARES "cputune.cpu_shares"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "cputune.emulatorpin". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_DOMAIN_TUNABLE_CPU_EMULATORPIN "cputune.emulatorpin"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "cputune.emulator_period". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_CPU_EMULATOR_PERIOD "cputune.emulator_period"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "cputune.emulator_quota". Value type: VIR_TYPED_PARAM_LLONG.
 */
#define VIR_DOMAIN_TUNABLE_CPU_EMULATOR_QUOTA "cputune.emulator_quota"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "cputune.global_period". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_CPU_GLOBAL_PERIOD "cputune.global_period"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "cputune.global_quota". Value type: VIR_TYPED_PARAM_LLONG.
 */
#define VIR_DOMAIN_TUNABLE_CPU_GLOBAL_QUOTA "cputune.global_quota"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "cputune.iothreadpin%u". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_DOMAIN_TUNABLE_CPU_IOTHREADSPIN "cputune.iothreadpin%u"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "cputune.iothread_period". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_CPU_IOTHREAD_PERIOD "cputune.iothread_period"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "cputune.iothread_quota". Value type: VIR_TYPED_PARAM_LLONG.
 */
#define VIR_DOMAIN_TUNABLE_CPU_IOTHREAD_QUOTA "cputune.iothread_quota"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "cputune.vcpupin%u". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_DOMAIN_TUNABLE_CPU_VCPUPIN "cputune.vcpupin%u"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "cputune.vcpu_period". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_DOMAIN_TUNABLE_CPU_VCPU_PERIOD "cputune.vcpu_period"

/**
 * Tunable reported by VIR_DOMAIN_EVENT_ID_TUNABLE events:
 * "cputune.vcpu_quota". Value type: VIR_TYPED_PARAM_LLONG.
 */
#define VIR_DOMAIN_TUNABLE_CPU_VCPU_QUOTA "cputune.vcpu_quota"

/**
 * Address of the bitmap of vCPU @p vcpu inside an array of bitmaps of @p
 * maplen bytes each (as filled by virDomainGetVcpus()).
 */
#define VIR_GET_CPUMAP(cpumaps, maplen, vcpu) (&((cpumaps)[(vcpu) * (maplen)]))

/**
 * Old name of VIR_KEYCODE_SET_QNUM.
 */
#define VIR_KEYCODE_SET_RFB VIR_KEYCODE_SET_QNUM

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "auto_converge.increment". Value type: VIR_TYPED_PARAM_INT.
 */
#define VIR_MIGRATE_PARAM_AUTO_CONVERGE_INCREMENT "auto_converge.increment"

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "auto_converge.initial". Value type: VIR_TYPED_PARAM_INT.
 */
#define VIR_MIGRATE_PARAM_AUTO_CONVERGE_INITIAL "auto_converge.initial"

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "bandwidth". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_MIGRATE_PARAM_BANDWIDTH "bandwidth"

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "bandwidth.postcopy". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_MIGRATE_PARAM_BANDWIDTH_POSTCOPY "bandwidth.postcopy"

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "compression".
 */
#define VIR_MIGRATE_PARAM_COMPRESSION "compression"

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "compression.mt.dthreads". Value type: VIR_TYPED_PARAM_INT.
 */
#define VIR_MIGRATE_PARAM_COMPRESSION_MT_DTHREADS "compression.mt.dthreads"

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "compression.mt.level". Value type: VIR_TYPED_PARAM_INT.
 */
#define VIR_MIGRATE_PARAM_COMPRESSION_MT_LEVEL "compression.mt.level"

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "compression.mt.threads". Value type: VIR_TYPED_PARAM_INT.
 */
#define VIR_MIGRATE_PARAM_COMPRESSION_MT_THREADS "compression.mt.threads"

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "compression.xbzrle.cache". Value type: VIR_TYPED_PARAM_ULLONG.
 */
#define VIR_MIGRATE_PARAM_COMPRESSION_XBZRLE_CACHE "compression.xbzrle.cache"

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "destination_name". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_MIGRATE_PARAM_DEST_NAME "destination_name"

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "destination_xml". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_MIGRATE_PARAM_DEST_XML "destination_xml"

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "disks_port". Value type: VIR_TYPED_PARAM_INT.
 */
#define VIR_MIGRATE_PARAM_DISKS_PORT "disks_port"

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "disks_uri". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_MIGRATE_PARAM_DISKS_URI "disks_uri"

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "graphics_uri". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_MIGRATE_PARAM_GRAPHICS_URI "graphics_uri"

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "listen_address".
 */
#define VIR_MIGRATE_PARAM_LISTEN_ADDRESS "listen_address"

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "migrate_disks".
 */
#define VIR_MIGRATE_PARAM_MIGRATE_DISKS "migrate_disks"

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "parallel.connections". Value type: VIR_TYPED_PARAM_INT.
 */
#define VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS "parallel.connections"

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "persistent_xml". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_MIGRATE_PARAM_PERSIST_XML "persistent_xml"

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "tls.destination". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_MIGRATE_PARAM_TLS_DESTINATION "tls.destination"

/**
 * Migration parameter for virDomainMigrate3() and virDomainMigrateToURI3():
 * "migrate_uri". Value type: VIR_TYPED_PARAM_STRING.
 */
#define VIR_MIGRATE_PARAM_URI "migrate_uri"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "alignment_faults".
 */
#define VIR_PERF_PARAM_ALIGNMENT_FAULTS "alignment_faults"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "branch_instructions".
 */
#define VIR_PERF_PARAM_BRANCH_INSTRUCTIONS "branch_instructions"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "branch_misses".
 */
#define VIR_PERF_PARAM_BRANCH_MISSES "branch_misses"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "bus_cycles".
 */
#define VIR_PERF_PARAM_BUS_CYCLES "bus_cycles"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "cache_misses".
 */
#define VIR_PERF_PARAM_CACHE_MISSES "cache_misses"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "cache_references".
 */
#define VIR_PERF_PARAM_CACHE_REFERENCES "cache_references"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "cmt".
 */
#define VIR_PERF_PARAM_CMT "cmt"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "context_switches".
 */
#define VIR_PERF_PARAM_CONTEXT_SWITCHES "context_switches"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "cpu_clock".
 */
#define VIR_PERF_PARAM_CPU_CLOCK "cpu_clock"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "cpu_cycles".
 */
#define VIR_PERF_PARAM_CPU_CYCLES "cpu_cycles"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "cpu_migrations".
 */
#define VIR_PERF_PARAM_CPU_MIGRATIONS "cpu_migrations"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "emulation_faults".
 */
#define VIR_PERF_PARAM_EMULATION_FAULTS "emulation_faults"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "instructions".
 */
#define VIR_PERF_PARAM_INSTRUCTIONS "instructions"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "mbml".
 */
#define VIR_PERF_PARAM_MBML "mbml"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "mbmt".
 */
#define VIR_PERF_PARAM_MBMT "mbmt"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "page_faults".
 */
#define VIR_PERF_PARAM_PAGE_FAULTS "page_faults"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "page_faults_maj".
 */
#define VIR_PERF_PARAM_PAGE_FAULTS_MAJ "page_faults_maj"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "page_faults_min".
 */
#define VIR_PERF_PARAM_PAGE_FAULTS_MIN "page_faults_min"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "ref_cpu_cycles".
 */
#define VIR_PERF_PARAM_REF_CPU_CYCLES "ref_cpu_cycles"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "stalled_cycles_backend".
 */
#define VIR_PERF_PARAM_STALLED_CYCLES_BACKEND "stalled_cycles_backend"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "stalled_cycles_frontend".
 */
#define VIR_PERF_PARAM_STALLED_CYCLES_FRONTEND "stalled_cycles_frontend"

/**
 * Perf event counter for virDomainSetPerfEvents()/virDomainGetPerfEvents()
 * (and the perf domain statistics): "task_clock".
 */
#define VIR_PERF_PARAM_TASK_CLOCK "task_clock"

/**
 * Clear the bit of CPU @p cpu in a CPU bitmap.
 */
#define VIR_UNUSE_CPU(cpumap, cpu) ((cpumap)[(cpu) / 8] &= ~(1 << ((cpu) % 8)))

/**
 * Set the bit of CPU @p cpu in a CPU bitmap.
 */
#define VIR_USE_CPU(cpumap, cpu) ((cpumap)[(cpu) / 8] |= (1 << ((cpu) % 8)))

/**
 * virBlkioParameter is the same structure as virTypedParameter.
 */
#define _virBlkioParameter _virTypedParameter

/**
 * virMemoryParameter is the same structure as virTypedParameter.
 */
#define _virMemoryParameter _virTypedParameter

/**
 * virSchedParameter is the same structure as virTypedParameter.
 */
#define _virSchedParameter _virTypedParameter

/**
 * Old names of the virTypedParameterType values, for virBlkioParameter.
 */
typedef enum {
    VIR_DOMAIN_BLKIO_PARAM_INT     = 1,
    VIR_DOMAIN_BLKIO_PARAM_UINT    = 2,
    VIR_DOMAIN_BLKIO_PARAM_LLONG   = 3,
    VIR_DOMAIN_BLKIO_PARAM_ULLONG  = 4,
    VIR_DOMAIN_BLKIO_PARAM_DOUBLE  = 5,
    VIR_DOMAIN_BLKIO_PARAM_BOOLEAN = 6,
} virBlkioParameterType;

/**
 * Causes reported by agent lifecycle events.
 */
typedef enum {
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_UNKNOWN        = 0,
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_DOMAIN_STARTED = 1,
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_CHANNEL        = 2,
#ifdef VIR_ENUM_SENTINELS
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_LAST           = 3,
#endif
} virConnectDomainEventAgentLifecycleReason;

/**
 * Guest agent connection states reported by agent lifecycle events.
 */
typedef enum {
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_CONNECTED    = 1,
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_DISCONNECTED = 2,
#ifdef VIR_ENUM_SENTINELS
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_LAST         = 3,
#endif
} virConnectDomainEventAgentLifecycleState;

/**
 * Outcome reported by block job events.
 */
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_COMPLETED = 0,
    VIR_DOMAIN_BLOCK_JOB_FAILED    = 1,
    VIR_DOMAIN_BLOCK_JOB_CANCELED  = 2,
    VIR_DOMAIN_BLOCK_JOB_READY     = 3,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_BLOCK_JOB_LAST      = 4,
#endif
} virConnectDomainEventBlockJobStatus;

/**
 * Causes reported by disk change events.
 */
typedef enum {
    VIR_DOMAIN_EVENT_DISK_CHANGE_MISSING_ON_START = 0,
    VIR_DOMAIN_EVENT_DISK_DROP_MISSING_ON_START   = 1,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_DISK_CHANGE_LAST             = 2,
#endif
} virConnectDomainEventDiskChangeReason;

/**
 * Flags for virConnectGetAllDomainStats() and virDomainListGetStats():
 * domain filters plus behaviour modifiers.
 */
#if defined(__GNUC__) && !defined(__cplusplus)
# pragma GCC diagnostic push
# pragma GCC diagnostic ignored "-Wpedantic"
#endif
typedef enum {
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE        = 0x1,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE      = 0x2,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT    = 0x4,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT     = 0x8,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING       = 0x10,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED        = 0x20,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF       = 0x40,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER         = 0x80,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT        = 0x20000000,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING       = 0x40000000,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS = 0x80000000U,
} virConnectGetAllDomainStatsFlags;
#if defined(__GNUC__) && !defined(__cplusplus)
# pragma GCC diagnostic pop
#endif

/**
 * Filters for virConnectListAllDomains(); filters of different groups are
 * combined with AND.
 */
typedef enum {
    VIR_CONNECT_LIST_DOMAINS_ACTIVE         = 0x1,
    VIR_CONNECT_LIST_DOMAINS_INACTIVE       = 0x2,
    VIR_CONNECT_LIST_DOMAINS_PERSISTENT     = 0x4,
    VIR_CONNECT_LIST_DOMAINS_TRANSIENT      = 0x8,
    VIR_CONNECT_LIST_DOMAINS_RUNNING        = 0x10,
    VIR_CONNECT_LIST_DOMAINS_PAUSED         = 0x20,
    VIR_CONNECT_LIST_DOMAINS_SHUTOFF        = 0x40,
    VIR_CONNECT_LIST_DOMAINS_OTHER          = 0x80,
    VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE    = 0x100,
    VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE = 0x200,
    VIR_CONNECT_LIST_DOMAINS_AUTOSTART      = 0x400,
    VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART   = 0x800,
    VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT   = 0x1000,
    VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT    = 0x2000,
    VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT = 0x4000,
    VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT  = 0x8000,
} virConnectListAllDomainsFlags;

/**
 * Flags for virDomainAbortJobFlags().
 */
typedef enum {
    VIR_DOMAIN_ABORT_JOB_POSTCOPY = 0x1,
} virDomainAbortJobFlagsValues;

/**
 * Special timeouts for virDomainAgentSetResponseTimeout().
 */
typedef enum {
    VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_BLOCK   = -2,
    VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_DEFAULT = -1,
    VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_NOWAIT  = 0,
} virDomainAgentResponseTimeoutValues;

/**
 * Flags for virDomainAuthorizedSSHKeysSet().
 */
typedef enum {
    VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND = 0x1,
    VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE = 0x2,
} virDomainAuthorizedSSHKeysSetFlags;

/**
 * Flags for virDomainBackupBegin().
 */
typedef enum {
    VIR_DOMAIN_BACKUP_BEGIN_REUSE_EXTERNAL = 0x1,
} virDomainBackupBeginFlags;

/**
 * Flags for virDomainBlockCommit().
 */
typedef enum {
    VIR_DOMAIN_BLOCK_COMMIT_SHALLOW         = 0x1,
    VIR_DOMAIN_BLOCK_COMMIT_DELETE          = 0x2,
    VIR_DOMAIN_BLOCK_COMMIT_ACTIVE          = 0x4,
    VIR_DOMAIN_BLOCK_COMMIT_RELATIVE        = 0x8,
    VIR_DOMAIN_BLOCK_COMMIT_BANDWIDTH_BYTES = 0x10,
} virDomainBlockCommitFlags;

/**
 * Flags for virDomainBlockCopy().
 */
typedef enum {
    VIR_DOMAIN_BLOCK_COPY_SHALLOW            = 0x1,
    VIR_DOMAIN_BLOCK_COPY_REUSE_EXT          = 0x2,
    VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB      = 0x4,
    VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES = 0x8,
} virDomainBlockCopyFlags;

/**
 * Flags for virDomainBlockJobAbort().
 */
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC = 0x1,
    VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT = 0x2,
} virDomainBlockJobAbortFlags;

/**
 * Flags for virDomainGetBlockJobInfo().
 */
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES = 0x1,
} virDomainBlockJobInfoFlags;

/**
 * Flags for virDomainBlockJobSetSpeed().
 */
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_SPEED_BANDWIDTH_BYTES = 0x1,
} virDomainBlockJobSetSpeedFlags;

/**
 * Kinds of block job.
 */
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_TYPE_UNKNOWN       = 0,
    VIR_DOMAIN_BLOCK_JOB_TYPE_PULL          = 1,
    VIR_DOMAIN_BLOCK_JOB_TYPE_COPY          = 2,
    VIR_DOMAIN_BLOCK_JOB_TYPE_COMMIT        = 3,
    VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT = 4,
    VIR_DOMAIN_BLOCK_JOB_TYPE_BACKUP        = 5,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_BLOCK_JOB_TYPE_LAST          = 6,
#endif
} virDomainBlockJobType;

/**
 * Flags for virDomainBlockPull().
 */
typedef enum {
    VIR_DOMAIN_BLOCK_PULL_BANDWIDTH_BYTES = 0x40,
} virDomainBlockPullFlags;

/**
 * Flags for virDomainBlockRebase().
 */
typedef enum {
    VIR_DOMAIN_BLOCK_REBASE_SHALLOW         = 0x1,
    VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT       = 0x2,
    VIR_DOMAIN_BLOCK_REBASE_COPY_RAW        = 0x4,
    VIR_DOMAIN_BLOCK_REBASE_COPY            = 0x8,
    VIR_DOMAIN_BLOCK_REBASE_RELATIVE        = 0x10,
    VIR_DOMAIN_BLOCK_REBASE_COPY_DEV        = 0x20,
    VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES = 0x40,
} virDomainBlockRebaseFlags;

/**
 * Flags for virDomainBlockResize().
 */
typedef enum {
    VIR_DOMAIN_BLOCK_RESIZE_BYTES = 0x1,
} virDomainBlockResizeFlags;

/**
 * Reasons for VIR_DOMAIN_BLOCKED.
 */
typedef enum {
    VIR_DOMAIN_BLOCKED_UNKNOWN = 0,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_BLOCKED_LAST    = 1,
#endif
} virDomainBlockedReason;

/**
 * Flags for virDomainOpenChannel().
 */
typedef enum {
    VIR_DOMAIN_CHANNEL_FORCE = 0x1,
} virDomainChannelFlags;

/**
 * Flags for virDomainOpenConsole().
 */
typedef enum {
    VIR_DOMAIN_CONSOLE_FORCE = 0x1,
    VIR_DOMAIN_CONSOLE_SAFE  = 0x2,
} virDomainConsoleFlags;

/**
 * Details for VIR_DOMAIN_CONTROL_ERROR.
 */
typedef enum {
    VIR_DOMAIN_CONTROL_ERROR_REASON_NONE     = 0,
    VIR_DOMAIN_CONTROL_ERROR_REASON_UNKNOWN  = 1,
    VIR_DOMAIN_CONTROL_ERROR_REASON_MONITOR  = 2,
    VIR_DOMAIN_CONTROL_ERROR_REASON_INTERNAL = 3,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_CONTROL_ERROR_REASON_LAST     = 4,
#endif
} virDomainControlErrorReason;

/**
 * States of the management channel to a domain (virDomainControlInfo.state).
 */
typedef enum {
    VIR_DOMAIN_CONTROL_OK       = 0,
    VIR_DOMAIN_CONTROL_JOB      = 1,
    VIR_DOMAIN_CONTROL_OCCUPIED = 2,
    VIR_DOMAIN_CONTROL_ERROR    = 3,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_CONTROL_LAST     = 4,
#endif
} virDomainControlState;

/**
 * Flags for virDomainCoreDump() and virDomainCoreDumpWithFormat().
 */
typedef enum {
    VIR_DUMP_CRASH        = 0x1,
    VIR_DUMP_LIVE         = 0x2,
    VIR_DUMP_BYPASS_CACHE = 0x4,
    VIR_DUMP_RESET        = 0x8,
    VIR_DUMP_MEMORY_ONLY  = 0x10,
} virDomainCoreDumpFlags;

/**
 * Output formats for virDomainCoreDumpWithFormat().
 */
typedef enum {
    VIR_DOMAIN_CORE_DUMP_FORMAT_RAW          = 0,
    VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_ZLIB   = 1,
    VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_LZO    = 2,
    VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_SNAPPY = 3,
    VIR_DOMAIN_CORE_DUMP_FORMAT_WIN_DMP      = 4,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_CORE_DUMP_FORMAT_LAST         = 5,
#endif
} virDomainCoreDumpFormat;

/**
 * Reasons for VIR_DOMAIN_CRASHED.
 */
typedef enum {
    VIR_DOMAIN_CRASHED_UNKNOWN  = 0,
    VIR_DOMAIN_CRASHED_PANICKED = 1,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_CRASHED_LAST     = 2,
#endif
} virDomainCrashedReason;

/**
 * Flags for virDomainCreateXML(), virDomainCreateWithFlags() and related
 * calls.
 */
typedef enum {
    VIR_DOMAIN_NONE               = 0x0,
    VIR_DOMAIN_START_PAUSED       = 0x1,
    VIR_DOMAIN_START_AUTODESTROY  = 0x2,
    VIR_DOMAIN_START_BYPASS_CACHE = 0x4,
    VIR_DOMAIN_START_FORCE_BOOT   = 0x8,
    VIR_DOMAIN_START_VALIDATE     = 0x10,
    VIR_DOMAIN_START_RESET_NVRAM  = 0x20,
} virDomainCreateFlags;

/**
 * Flags for virDomainDefineXMLFlags().
 */
typedef enum {
    VIR_DOMAIN_DEFINE_VALIDATE = 0x1,
} virDomainDefineFlags;

/**
 * Flags for virDomainDestroyFlags().
 */
typedef enum {
    VIR_DOMAIN_DESTROY_DEFAULT     = 0x0,
    VIR_DOMAIN_DESTROY_GRACEFUL    = 0x1,
    VIR_DOMAIN_DESTROY_REMOVE_LOGS = 0x2,
} virDomainDestroyFlagsValues;

/**
 * Flags for the device attach, detach and update calls.
 */
typedef enum {
    VIR_DOMAIN_DEVICE_MODIFY_CURRENT = 0x0,
    VIR_DOMAIN_DEVICE_MODIFY_LIVE    = 0x1,
    VIR_DOMAIN_DEVICE_MODIFY_CONFIG  = 0x2,
    VIR_DOMAIN_DEVICE_MODIFY_FORCE   = 0x4,
} virDomainDeviceModifyFlags;

/**
 * Measurement modes for virDomainStartDirtyRateCalc().
 */
typedef enum {
    VIR_DOMAIN_DIRTYRATE_MODE_PAGE_SAMPLING = 0x0,
    VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_BITMAP  = 0x1,
    VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_RING    = 0x2,
} virDomainDirtyRateCalcFlags;

/**
 * States of a dirty page rate measurement.
 */
typedef enum {
    VIR_DOMAIN_DIRTYRATE_UNSTARTED = 0,
    VIR_DOMAIN_DIRTYRATE_MEASURING = 1,
    VIR_DOMAIN_DIRTYRATE_MEASURED  = 2,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_DIRTYRATE_LAST      = 3,
#endif
} virDomainDirtyRateStatus;

/**
 * Kinds of disk error (virDomainDiskError.error).
 */
typedef enum {
    VIR_DOMAIN_DISK_ERROR_NONE     = 0,
    VIR_DOMAIN_DISK_ERROR_UNSPEC   = 1,
    VIR_DOMAIN_DISK_ERROR_NO_SPACE = 2,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_DISK_ERROR_LAST     = 3,
#endif
} virDomainDiskErrorCode;

/**
 * Details for VIR_DOMAIN_EVENT_CRASHED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_CRASHED_PANICKED    = 0,
    VIR_DOMAIN_EVENT_CRASHED_CRASHLOADED = 1,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_CRASHED_LAST        = 2,
#endif
} virDomainEventCrashedDetailType;

/**
 * Details for VIR_DOMAIN_EVENT_DEFINED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_DEFINED_ADDED         = 0,
    VIR_DOMAIN_EVENT_DEFINED_UPDATED       = 1,
    VIR_DOMAIN_EVENT_DEFINED_RENAMED       = 2,
    VIR_DOMAIN_EVENT_DEFINED_FROM_SNAPSHOT = 3,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_DEFINED_LAST          = 4,
#endif
} virDomainEventDefinedDetailType;

/**
 * Address families in virDomainEventGraphicsAddress.
 */
typedef enum {
    VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_IPV4 = 0,
    VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_IPV6 = 1,
    VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_UNIX = 2,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_LAST = 3,
#endif
} virDomainEventGraphicsAddressType;

/**
 * Stages of a graphics client connection reported by graphics events.
 */
typedef enum {
    VIR_DOMAIN_EVENT_GRAPHICS_CONNECT    = 0,
    VIR_DOMAIN_EVENT_GRAPHICS_INITIALIZE = 1,
    VIR_DOMAIN_EVENT_GRAPHICS_DISCONNECT = 2,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_GRAPHICS_LAST       = 3,
#endif
} virDomainEventGraphicsPhase;

/**
 * Domain event kinds for virConnectDomainEventRegisterAny(); each uses its
 * own callback type.
 */
typedef enum {
    VIR_DOMAIN_EVENT_ID_LIFECYCLE                 = 0,
    VIR_DOMAIN_EVENT_ID_REBOOT                    = 1,
    VIR_DOMAIN_EVENT_ID_RTC_CHANGE                = 2,
    VIR_DOMAIN_EVENT_ID_WATCHDOG                  = 3,
    VIR_DOMAIN_EVENT_ID_IO_ERROR                  = 4,
    VIR_DOMAIN_EVENT_ID_GRAPHICS                  = 5,
    VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON           = 6,
    VIR_DOMAIN_EVENT_ID_CONTROL_ERROR             = 7,
    VIR_DOMAIN_EVENT_ID_BLOCK_JOB                 = 8,
    VIR_DOMAIN_EVENT_ID_DISK_CHANGE               = 9,
    VIR_DOMAIN_EVENT_ID_TRAY_CHANGE               = 10,
    VIR_DOMAIN_EVENT_ID_PMWAKEUP                  = 11,
    VIR_DOMAIN_EVENT_ID_PMSUSPEND                 = 12,
    VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE            = 13,
    VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK            = 14,
    VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED            = 15,
    VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2               = 16,
    VIR_DOMAIN_EVENT_ID_TUNABLE                   = 17,
    VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE           = 18,
    VIR_DOMAIN_EVENT_ID_DEVICE_ADDED              = 19,
    VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION       = 20,
    VIR_DOMAIN_EVENT_ID_JOB_COMPLETED             = 21,
    VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED     = 22,
    VIR_DOMAIN_EVENT_ID_METADATA_CHANGE           = 23,
    VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD           = 24,
    VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE            = 25,
    VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE = 26,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_ID_LAST                      = 27,
#endif
} virDomainEventID;

/**
 * Actions reported by I/O error events.
 */
typedef enum {
    VIR_DOMAIN_EVENT_IO_ERROR_NONE   = 0,
    VIR_DOMAIN_EVENT_IO_ERROR_PAUSE  = 1,
    VIR_DOMAIN_EVENT_IO_ERROR_REPORT = 2,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_IO_ERROR_LAST   = 3,
#endif
} virDomainEventIOErrorAction;

/**
 * Details for VIR_DOMAIN_EVENT_PMSUSPENDED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_PMSUSPENDED_MEMORY = 0,
    VIR_DOMAIN_EVENT_PMSUSPENDED_DISK   = 1,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_PMSUSPENDED_LAST   = 2,
#endif
} virDomainEventPMSuspendedDetailType;

/**
 * Details for VIR_DOMAIN_EVENT_RESUMED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_RESUMED_UNPAUSED        = 0,
    VIR_DOMAIN_EVENT_RESUMED_MIGRATED        = 1,
    VIR_DOMAIN_EVENT_RESUMED_FROM_SNAPSHOT   = 2,
    VIR_DOMAIN_EVENT_RESUMED_POSTCOPY        = 3,
    VIR_DOMAIN_EVENT_RESUMED_POSTCOPY_FAILED = 4,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_RESUMED_LAST            = 5,
#endif
} virDomainEventResumedDetailType;

/**
 * Details for VIR_DOMAIN_EVENT_SHUTDOWN.
 */
typedef enum {
    VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED = 0,
    VIR_DOMAIN_EVENT_SHUTDOWN_GUEST    = 1,
    VIR_DOMAIN_EVENT_SHUTDOWN_HOST     = 2,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_SHUTDOWN_LAST     = 3,
#endif
} virDomainEventShutdownDetailType;

/**
 * Details for VIR_DOMAIN_EVENT_STARTED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_STARTED_BOOTED        = 0,
    VIR_DOMAIN_EVENT_STARTED_MIGRATED      = 1,
    VIR_DOMAIN_EVENT_STARTED_RESTORED      = 2,
    VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT = 3,
    VIR_DOMAIN_EVENT_STARTED_WAKEUP        = 4,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_STARTED_LAST          = 5,
#endif
} virDomainEventStartedDetailType;

/**
 * Details for VIR_DOMAIN_EVENT_STOPPED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN      = 0,
    VIR_DOMAIN_EVENT_STOPPED_DESTROYED     = 1,
    VIR_DOMAIN_EVENT_STOPPED_CRASHED       = 2,
    VIR_DOMAIN_EVENT_STOPPED_MIGRATED      = 3,
    VIR_DOMAIN_EVENT_STOPPED_SAVED         = 4,
    VIR_DOMAIN_EVENT_STOPPED_FAILED        = 5,
    VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT = 6,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_STOPPED_LAST          = 7,
#endif
} virDomainEventStoppedDetailType;

/**
 * Details for VIR_DOMAIN_EVENT_SUSPENDED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_SUSPENDED_PAUSED          = 0,
    VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED        = 1,
    VIR_DOMAIN_EVENT_SUSPENDED_IOERROR         = 2,
    VIR_DOMAIN_EVENT_SUSPENDED_WATCHDOG        = 3,
    VIR_DOMAIN_EVENT_SUSPENDED_RESTORED        = 4,
    VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT   = 5,
    VIR_DOMAIN_EVENT_SUSPENDED_API_ERROR       = 6,
    VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY        = 7,
    VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY_FAILED = 8,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_SUSPENDED_LAST            = 9,
#endif
} virDomainEventSuspendedDetailType;

/**
 * Tray movements reported by tray change events.
 */
typedef enum {
    VIR_DOMAIN_EVENT_TRAY_CHANGE_OPEN  = 0,
    VIR_DOMAIN_EVENT_TRAY_CHANGE_CLOSE = 1,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_TRAY_CHANGE_LAST  = 2,
#endif
} virDomainEventTrayChangeReason;

/**
 * Kinds of domain lifecycle event.
 */
typedef enum {
    VIR_DOMAIN_EVENT_DEFINED     = 0,
    VIR_DOMAIN_EVENT_UNDEFINED   = 1,
    VIR_DOMAIN_EVENT_STARTED     = 2,
    VIR_DOMAIN_EVENT_SUSPENDED   = 3,
    VIR_DOMAIN_EVENT_RESUMED     = 4,
    VIR_DOMAIN_EVENT_STOPPED     = 5,
    VIR_DOMAIN_EVENT_SHUTDOWN    = 6,
    VIR_DOMAIN_EVENT_PMSUSPENDED = 7,
    VIR_DOMAIN_EVENT_CRASHED     = 8,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_LAST        = 9,
#endif
} virDomainEventType;

/**
 * Details for VIR_DOMAIN_EVENT_UNDEFINED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_UNDEFINED_REMOVED = 0,
    VIR_DOMAIN_EVENT_UNDEFINED_RENAMED = 1,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_UNDEFINED_LAST    = 2,
#endif
} virDomainEventUndefinedDetailType;

/**
 * Actions reported by watchdog events.
 */
typedef enum {
    VIR_DOMAIN_EVENT_WATCHDOG_NONE      = 0,
    VIR_DOMAIN_EVENT_WATCHDOG_PAUSE     = 1,
    VIR_DOMAIN_EVENT_WATCHDOG_RESET     = 2,
    VIR_DOMAIN_EVENT_WATCHDOG_POWEROFF  = 3,
    VIR_DOMAIN_EVENT_WATCHDOG_SHUTDOWN  = 4,
    VIR_DOMAIN_EVENT_WATCHDOG_DEBUG     = 5,
    VIR_DOMAIN_EVENT_WATCHDOG_INJECTNMI = 6,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_WATCHDOG_LAST      = 7,
#endif
} virDomainEventWatchdogAction;

/**
 * Flags for virDomainFDAssociate().
 */
typedef enum {
    VIR_DOMAIN_FD_ASSOCIATE_SECLABEL_RESTORE  = 0x1,
    VIR_DOMAIN_FD_ASSOCIATE_SECLABEL_WRITABLE = 0x2,
} virDomainFDAssociateFlags;

/**
 * Sources for virDomainGetHostname().
 */
typedef enum {
    VIR_DOMAIN_GET_HOSTNAME_LEASE = 0x1,
    VIR_DOMAIN_GET_HOSTNAME_AGENT = 0x2,
} virDomainGetHostnameFlags;

/**
 * Flags for virDomainGetJobStats().
 */
typedef enum {
    VIR_DOMAIN_JOB_STATS_COMPLETED      = 0x1,
    VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED = 0x2,
} virDomainGetJobStatsFlags;

/**
 * Groups of guest information for virDomainGetGuestInfo().
 */
typedef enum {
    VIR_DOMAIN_GUEST_INFO_USERS      = 0x1,
    VIR_DOMAIN_GUEST_INFO_OS         = 0x2,
    VIR_DOMAIN_GUEST_INFO_TIMEZONE   = 0x4,
    VIR_DOMAIN_GUEST_INFO_HOSTNAME   = 0x8,
    VIR_DOMAIN_GUEST_INFO_FILESYSTEM = 0x10,
    VIR_DOMAIN_GUEST_INFO_DISKS      = 0x20,
    VIR_DOMAIN_GUEST_INFO_INTERFACES = 0x40,
} virDomainGuestInfoTypes;

/**
 * Where virDomainInterfaceAddresses() gets its information from.
 */
typedef enum {
    VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE = 0,
    VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT = 1,
    VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP   = 2,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LAST  = 3,
#endif
} virDomainInterfaceAddressesSource;

/**
 * Operations a background job can perform (the VIR_DOMAIN_JOB_OPERATION
 * statistic).
 */
typedef enum {
    VIR_DOMAIN_JOB_OPERATION_UNKNOWN         = 0,
    VIR_DOMAIN_JOB_OPERATION_START           = 1,
    VIR_DOMAIN_JOB_OPERATION_SAVE            = 2,
    VIR_DOMAIN_JOB_OPERATION_RESTORE         = 3,
    VIR_DOMAIN_JOB_OPERATION_MIGRATION_IN    = 4,
    VIR_DOMAIN_JOB_OPERATION_MIGRATION_OUT   = 5,
    VIR_DOMAIN_JOB_OPERATION_SNAPSHOT        = 6,
    VIR_DOMAIN_JOB_OPERATION_SNAPSHOT_REVERT = 7,
    VIR_DOMAIN_JOB_OPERATION_DUMP            = 8,
    VIR_DOMAIN_JOB_OPERATION_BACKUP          = 9,
    VIR_DOMAIN_JOB_OPERATION_SNAPSHOT_DELETE = 10,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_JOB_OPERATION_LAST            = 11,
#endif
} virDomainJobOperation;

/**
 * Kinds of background job state reported by virDomainGetJobInfo() and
 * virDomainGetJobStats().
 */
typedef enum {
    VIR_DOMAIN_JOB_NONE      = 0,
    VIR_DOMAIN_JOB_BOUNDED   = 1,
    VIR_DOMAIN_JOB_UNBOUNDED = 2,
    VIR_DOMAIN_JOB_COMPLETED = 3,
    VIR_DOMAIN_JOB_FAILED    = 4,
    VIR_DOMAIN_JOB_CANCELLED = 5,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_JOB_LAST      = 6,
#endif
} virDomainJobType;

/**
 * Guest events whose handling virDomainSetLifecycleAction() configures.
 */
typedef enum {
    VIR_DOMAIN_LIFECYCLE_POWEROFF = 0,
    VIR_DOMAIN_LIFECYCLE_REBOOT   = 1,
    VIR_DOMAIN_LIFECYCLE_CRASH    = 2,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_LIFECYCLE_LAST     = 3,
#endif
} virDomainLifecycle;

/**
 * Actions virDomainSetLifecycleAction() can configure.
 */
typedef enum {
    VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY          = 0,
    VIR_DOMAIN_LIFECYCLE_ACTION_RESTART          = 1,
    VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME   = 2,
    VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE         = 3,
    VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY = 4,
    VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART = 5,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_LIFECYCLE_ACTION_LAST             = 6,
#endif
} virDomainLifecycleAction;

/**
 * What was done about a memory failure.
 */
typedef enum {
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_IGNORE = 0,
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_INJECT = 1,
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_FATAL  = 2,
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_RESET  = 3,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_LAST   = 4,
#endif
} virDomainMemoryFailureActionType;

/**
 * Extra information bits of memory failure events.
 */
typedef enum {
    VIR_DOMAIN_MEMORY_FAILURE_ACTION_REQUIRED = 0x1,
    VIR_DOMAIN_MEMORY_FAILURE_RECURSIVE       = 0x2,
} virDomainMemoryFailureFlags;

/**
 * Who received a memory failure notification.
 */
typedef enum {
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_HYPERVISOR = 0,
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_GUEST      = 1,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_LAST       = 2,
#endif
} virDomainMemoryFailureRecipientType;

/**
 * Address space selection for virDomainMemoryPeek().
 */
typedef enum {
    VIR_MEMORY_VIRTUAL  = 0x1,
    VIR_MEMORY_PHYSICAL = 0x2,
} virDomainMemoryFlags;

/**
 * Flags for virDomainSetMemoryFlags() and virDomainSetMemoryStatsPeriod().
 */
typedef enum {
    VIR_DOMAIN_MEM_CURRENT = 0x0,
    VIR_DOMAIN_MEM_LIVE    = 0x1,
    VIR_DOMAIN_MEM_CONFIG  = 0x2,
    VIR_DOMAIN_MEM_MAXIMUM = 0x4,
} virDomainMemoryModFlags;

/**
 * Tags of the statistics returned by virDomainMemoryStats(); values are in
 * KiB unless noted otherwise.
 */
typedef enum {
    VIR_DOMAIN_MEMORY_STAT_SWAP_IN         = 0,
    VIR_DOMAIN_MEMORY_STAT_SWAP_OUT        = 1,
    VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT     = 2,
    VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT     = 3,
    VIR_DOMAIN_MEMORY_STAT_UNUSED          = 4,
    VIR_DOMAIN_MEMORY_STAT_AVAILABLE       = 5,
    VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON  = 6,
    VIR_DOMAIN_MEMORY_STAT_RSS             = 7,
    VIR_DOMAIN_MEMORY_STAT_USABLE          = 8,
    VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE     = 9,
    VIR_DOMAIN_MEMORY_STAT_DISK_CACHES     = 10,
    VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC = 11,
    VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL  = 12,
    VIR_DOMAIN_MEMORY_STAT_NR              = 13,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_MEMORY_STAT_LAST            = 13,
#endif
} virDomainMemoryStatTags;

/**
 * Kinds of message returned by virDomainGetMessages().
 */
typedef enum {
    VIR_DOMAIN_MESSAGE_DEPRECATION = 0x1,
    VIR_DOMAIN_MESSAGE_TAINTING    = 0x2,
} virDomainMessageType;

/**
 * Kinds of domain metadata for virDomainGetMetadata() and
 * virDomainSetMetadata().
 */
typedef enum {
    VIR_DOMAIN_METADATA_DESCRIPTION = 0,
    VIR_DOMAIN_METADATA_TITLE       = 1,
    VIR_DOMAIN_METADATA_ELEMENT     = 2,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_METADATA_LAST        = 3,
#endif
} virDomainMetadataType;

/**
 * Flags for the migration calls.
 */
typedef enum {
    VIR_MIGRATE_LIVE                          = 0x1,
    VIR_MIGRATE_PEER2PEER                     = 0x2,
    VIR_MIGRATE_TUNNELLED                     = 0x4,
    VIR_MIGRATE_PERSIST_DEST                  = 0x8,
    VIR_MIGRATE_UNDEFINE_SOURCE               = 0x10,
    VIR_MIGRATE_PAUSED                        = 0x20,
    VIR_MIGRATE_NON_SHARED_DISK               = 0x40,
    VIR_MIGRATE_NON_SHARED_INC                = 0x80,
    VIR_MIGRATE_CHANGE_PROTECTION             = 0x100,
    VIR_MIGRATE_UNSAFE                        = 0x200,
    VIR_MIGRATE_OFFLINE                       = 0x400,
    VIR_MIGRATE_COMPRESSED                    = 0x800,
    VIR_MIGRATE_ABORT_ON_ERROR                = 0x1000,
    VIR_MIGRATE_AUTO_CONVERGE                 = 0x2000,
    VIR_MIGRATE_RDMA_PIN_ALL                  = 0x4000,
    VIR_MIGRATE_POSTCOPY                      = 0x8000,
    VIR_MIGRATE_TLS                           = 0x10000,
    VIR_MIGRATE_PARALLEL                      = 0x20000,
    VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES = 0x40000,
    VIR_MIGRATE_POSTCOPY_RESUME               = 0x80000,
    VIR_MIGRATE_ZEROCOPY                      = 0x100000,
} virDomainMigrateFlags;

/**
 * Flags for virDomainMigrateSetMaxSpeed() and virDomainMigrateGetMaxSpeed().
 */
typedef enum {
    VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY = 0x1,
} virDomainMigrateMaxSpeedFlags;

/**
 * Where a change applies: the running domain, its persistent configuration,
 * or whichever is current. Many calls accept these as flags.
 */
typedef enum {
    VIR_DOMAIN_AFFECT_CURRENT = 0x0, /* live if running, else config */
    VIR_DOMAIN_AFFECT_LIVE    = 0x1, /* the running domain */
    VIR_DOMAIN_AFFECT_CONFIG  = 0x2, /* the persistent configuration */
} virDomainModificationImpact;

/**
 * Reasons for VIR_DOMAIN_NOSTATE.
 */
typedef enum {
    VIR_DOMAIN_NOSTATE_UNKNOWN = 0,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_NOSTATE_LAST    = 1,
#endif
} virDomainNostateReason;

/**
 * NUMA memory placement modes (the VIR_DOMAIN_NUMA_MODE parameter).
 */
typedef enum {
    VIR_DOMAIN_NUMATUNE_MEM_STRICT      = 0,
    VIR_DOMAIN_NUMATUNE_MEM_PREFERRED   = 1,
    VIR_DOMAIN_NUMATUNE_MEM_INTERLEAVE  = 2,
    VIR_DOMAIN_NUMATUNE_MEM_RESTRICTIVE = 3,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_NUMATUNE_MEM_LAST        = 4,
#endif
} virDomainNumatuneMemMode;

/**
 * Flags for virDomainOpenGraphics() and virDomainOpenGraphicsFD().
 */
typedef enum {
    VIR_DOMAIN_OPEN_GRAPHICS_SKIPAUTH = 0x1,
} virDomainOpenGraphicsFlags;

/**
 * Reasons for a domain suspended to disk by the guest.
 */
typedef enum {
    VIR_DOMAIN_PMSUSPENDED_DISK_UNKNOWN = 0,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_PMSUSPENDED_DISK_LAST    = 1,
#endif
} virDomainPMSuspendedDiskReason;

/**
 * Reasons for VIR_DOMAIN_PMSUSPENDED.
 */
typedef enum {
    VIR_DOMAIN_PMSUSPENDED_UNKNOWN = 0,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_PMSUSPENDED_LAST    = 1,
#endif
} virDomainPMSuspendedReason;

/**
 * Reasons for VIR_DOMAIN_PAUSED.
 */
typedef enum {
    VIR_DOMAIN_PAUSED_UNKNOWN         = 0,
    VIR_DOMAIN_PAUSED_USER            = 1,
    VIR_DOMAIN_PAUSED_MIGRATION       = 2,
    VIR_DOMAIN_PAUSED_SAVE            = 3,
    VIR_DOMAIN_PAUSED_DUMP            = 4,
    VIR_DOMAIN_PAUSED_IOERROR         = 5,
    VIR_DOMAIN_PAUSED_WATCHDOG        = 6,
    VIR_DOMAIN_PAUSED_FROM_SNAPSHOT   = 7,
    VIR_DOMAIN_PAUSED_SHUTTING_DOWN   = 8,
    VIR_DOMAIN_PAUSED_SNAPSHOT        = 9,
    VIR_DOMAIN_PAUSED_CRASHED         = 10,
    VIR_DOMAIN_PAUSED_STARTING_UP     = 11,
    VIR_DOMAIN_PAUSED_POSTCOPY        = 12,
    VIR_DOMAIN_PAUSED_POSTCOPY_FAILED = 13,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_PAUSED_LAST            = 14,
#endif
} virDomainPausedReason;

/**
 * Signal numbers for virDomainSendProcessSignal(); they follow the Linux
 * numbering whatever the host.
 */
typedef enum {
    VIR_DOMAIN_PROCESS_SIGNAL_NOP    = 0,
    VIR_DOMAIN_PROCESS_SIGNAL_HUP    = 1,
    VIR_DOMAIN_PROCESS_SIGNAL_INT    = 2,
    VIR_DOMAIN_PROCESS_SIGNAL_QUIT   = 3,
    VIR_DOMAIN_PROCESS_SIGNAL_ILL    = 4,
    VIR_DOMAIN_PROCESS_SIGNAL_TRAP   = 5,
    VIR_DOMAIN_PROCESS_SIGNAL_ABRT   = 6,
    VIR_DOMAIN_PROCESS_SIGNAL_BUS    = 7,
    VIR_DOMAIN_PROCESS_SIGNAL_FPE    = 8,
    VIR_DOMAIN_PROCESS_SIGNAL_KILL   = 9,
    VIR_DOMAIN_PROCESS_SIGNAL_USR1   = 10,
    VIR_DOMAIN_PROCESS_SIGNAL_SEGV   = 11,
    VIR_DOMAIN_PROCESS_SIGNAL_USR2   = 12,
    VIR_DOMAIN_PROCESS_SIGNAL_PIPE   = 13,
    VIR_DOMAIN_PROCESS_SIGNAL_ALRM   = 14,
    VIR_DOMAIN_PROCESS_SIGNAL_TERM   = 15,
    VIR_DOMAIN_PROCESS_SIGNAL_STKFLT = 16,
    VIR_DOMAIN_PROCESS_SIGNAL_CHLD   = 17,
    VIR_DOMAIN_PROCESS_SIGNAL_CONT   = 18,
    VIR_DOMAIN_PROCESS_SIGNAL_STOP   = 19,
    VIR_DOMAIN_PROCESS_SIGNAL_TSTP   = 20,
    VIR_DOMAIN_PROCESS_SIGNAL_TTIN   = 21,
    VIR_DOMAIN_PROCESS_SIGNAL_TTOU   = 22,
    VIR_DOMAIN_PROCESS_SIGNAL_URG    = 23,
    VIR_DOMAIN_PROCESS_SIGNAL_XCPU   = 24,
    VIR_DOMAIN_PROCESS_SIGNAL_XFSZ   = 25,
    VIR_DOMAIN_PROCESS_SIGNAL_VTALRM = 26,
    VIR_DOMAIN_PROCESS_SIGNAL_PROF   = 27,
    VIR_DOMAIN_PROCESS_SIGNAL_WINCH  = 28,
    VIR_DOMAIN_PROCESS_SIGNAL_POLL   = 29,
    VIR_DOMAIN_PROCESS_SIGNAL_PWR    = 30,
    VIR_DOMAIN_PROCESS_SIGNAL_SYS    = 31,
    VIR_DOMAIN_PROCESS_SIGNAL_RT0    = 32,
    VIR_DOMAIN_PROCESS_SIGNAL_RT1    = 33,
    VIR_DOMAIN_PROCESS_SIGNAL_RT2    = 34,
    VIR_DOMAIN_PROCESS_SIGNAL_RT3    = 35,
    VIR_DOMAIN_PROCESS_SIGNAL_RT4    = 36,
    VIR_DOMAIN_PROCESS_SIGNAL_RT5    = 37,
    VIR_DOMAIN_PROCESS_SIGNAL_RT6    = 38,
    VIR_DOMAIN_PROCESS_SIGNAL_RT7    = 39,
    VIR_DOMAIN_PROCESS_SIGNAL_RT8    = 40,
    VIR_DOMAIN_PROCESS_SIGNAL_RT9    = 41,
    VIR_DOMAIN_PROCESS_SIGNAL_RT10   = 42,
    VIR_DOMAIN_PROCESS_SIGNAL_RT11   = 43,
    VIR_DOMAIN_PROCESS_SIGNAL_RT12   = 44,
    VIR_DOMAIN_PROCESS_SIGNAL_RT13   = 45,
    VIR_DOMAIN_PROCESS_SIGNAL_RT14   = 46,
    VIR_DOMAIN_PROCESS_SIGNAL_RT15   = 47,
    VIR_DOMAIN_PROCESS_SIGNAL_RT16   = 48,
    VIR_DOMAIN_PROCESS_SIGNAL_RT17   = 49,
    VIR_DOMAIN_PROCESS_SIGNAL_RT18   = 50,
    VIR_DOMAIN_PROCESS_SIGNAL_RT19   = 51,
    VIR_DOMAIN_PROCESS_SIGNAL_RT20   = 52,
    VIR_DOMAIN_PROCESS_SIGNAL_RT21   = 53,
    VIR_DOMAIN_PROCESS_SIGNAL_RT22   = 54,
    VIR_DOMAIN_PROCESS_SIGNAL_RT23   = 55,
    VIR_DOMAIN_PROCESS_SIGNAL_RT24   = 56,
    VIR_DOMAIN_PROCESS_SIGNAL_RT25   = 57,
    VIR_DOMAIN_PROCESS_SIGNAL_RT26   = 58,
    VIR_DOMAIN_PROCESS_SIGNAL_RT27   = 59,
    VIR_DOMAIN_PROCESS_SIGNAL_RT28   = 60,
    VIR_DOMAIN_PROCESS_SIGNAL_RT29   = 61,
    VIR_DOMAIN_PROCESS_SIGNAL_RT30   = 62,
    VIR_DOMAIN_PROCESS_SIGNAL_RT31   = 63,
    VIR_DOMAIN_PROCESS_SIGNAL_RT32   = 64,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_PROCESS_SIGNAL_LAST   = 65,
#endif
} virDomainProcessSignal;

/**
 * Reboot methods for virDomainReboot().
 */
typedef enum {
    VIR_DOMAIN_REBOOT_DEFAULT        = 0x0,
    VIR_DOMAIN_REBOOT_ACPI_POWER_BTN = 0x1,
    VIR_DOMAIN_REBOOT_GUEST_AGENT    = 0x2,
    VIR_DOMAIN_REBOOT_INITCTL        = 0x4,
    VIR_DOMAIN_REBOOT_SIGNAL         = 0x8,
    VIR_DOMAIN_REBOOT_PARAVIRT       = 0x10,
} virDomainRebootFlagValues;

/**
 * Reasons for VIR_DOMAIN_RUNNING.
 */
typedef enum {
    VIR_DOMAIN_RUNNING_UNKNOWN            = 0,
    VIR_DOMAIN_RUNNING_BOOTED             = 1,
    VIR_DOMAIN_RUNNING_MIGRATED           = 2,
    VIR_DOMAIN_RUNNING_RESTORED           = 3,
    VIR_DOMAIN_RUNNING_FROM_SNAPSHOT      = 4,
    VIR_DOMAIN_RUNNING_UNPAUSED           = 5,
    VIR_DOMAIN_RUNNING_MIGRATION_CANCELED = 6,
    VIR_DOMAIN_RUNNING_SAVE_CANCELED      = 7,
    VIR_DOMAIN_RUNNING_WAKEUP             = 8,
    VIR_DOMAIN_RUNNING_CRASHED            = 9,
    VIR_DOMAIN_RUNNING_POSTCOPY           = 10,
    VIR_DOMAIN_RUNNING_POSTCOPY_FAILED    = 11,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_RUNNING_LAST               = 12,
#endif
} virDomainRunningReason;

/**
 * Flags for virDomainSaveImageGetXMLDesc() and
 * virDomainManagedSaveGetXMLDesc().
 */
typedef enum {
    VIR_DOMAIN_SAVE_IMAGE_XML_SECURE = 1,
} virDomainSaveImageXMLFlags;

/**
 * Flags for the save, restore and managed save calls.
 */
typedef enum {
    VIR_DOMAIN_SAVE_BYPASS_CACHE = 0x1,
    VIR_DOMAIN_SAVE_RUNNING      = 0x2,
    VIR_DOMAIN_SAVE_PAUSED       = 0x4,
    VIR_DOMAIN_SAVE_RESET_NVRAM  = 0x8,
} virDomainSaveRestoreFlags;

/**
 * Flags for virDomainSetTime().
 */
typedef enum {
    VIR_DOMAIN_TIME_SYNC = 0x1,
} virDomainSetTimeFlags;

/**
 * Flags for virDomainSetUserPassword().
 */
typedef enum {
    VIR_DOMAIN_PASSWORD_ENCRYPTED = 0x1,
} virDomainSetUserPasswordFlags;

/**
 * Shutdown methods for virDomainShutdownFlags().
 */
typedef enum {
    VIR_DOMAIN_SHUTDOWN_DEFAULT        = 0x0,
    VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN = 0x1,
    VIR_DOMAIN_SHUTDOWN_GUEST_AGENT    = 0x2,
    VIR_DOMAIN_SHUTDOWN_INITCTL        = 0x4,
    VIR_DOMAIN_SHUTDOWN_SIGNAL         = 0x8,
    VIR_DOMAIN_SHUTDOWN_PARAVIRT       = 0x10,
} virDomainShutdownFlagValues;

/**
 * Reasons for VIR_DOMAIN_SHUTDOWN.
 */
typedef enum {
    VIR_DOMAIN_SHUTDOWN_UNKNOWN = 0,
    VIR_DOMAIN_SHUTDOWN_USER    = 1,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_SHUTDOWN_LAST    = 2,
#endif
} virDomainShutdownReason;

/**
 * Reasons for VIR_DOMAIN_SHUTOFF.
 */
typedef enum {
    VIR_DOMAIN_SHUTOFF_UNKNOWN       = 0,
    VIR_DOMAIN_SHUTOFF_SHUTDOWN      = 1,
    VIR_DOMAIN_SHUTOFF_DESTROYED     = 2,
    VIR_DOMAIN_SHUTOFF_CRASHED       = 3,
    VIR_DOMAIN_SHUTOFF_MIGRATED      = 4,
    VIR_DOMAIN_SHUTOFF_SAVED         = 5,
    VIR_DOMAIN_SHUTOFF_FAILED        = 6,
    VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT = 7,
    VIR_DOMAIN_SHUTOFF_DAEMON        = 8,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_SHUTOFF_LAST          = 9,
#endif
} virDomainShutoffReason;

/**
 * States of a domain, as reported by virDomainGetState() and
 * virDomainGetInfo().
 */
typedef enum {
    VIR_DOMAIN_NOSTATE     = 0, /* no state */
    VIR_DOMAIN_RUNNING     = 1, /* running */
    VIR_DOMAIN_BLOCKED     = 2, /* blocked on a resource */
    VIR_DOMAIN_PAUSED      = 3, /* paused */
    VIR_DOMAIN_SHUTDOWN    = 4, /* shutting down */
    VIR_DOMAIN_SHUTOFF     = 5, /* not running */
    VIR_DOMAIN_CRASHED     = 6, /* crashed */
    VIR_DOMAIN_PMSUSPENDED = 7, /* suspended by guest power management */
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_LAST        = 8,
#endif
} virDomainState;

/**
 * Groups of statistics that virConnectGetAllDomainStats() and
 * virDomainListGetStats() can collect.
 */
typedef enum {
    VIR_DOMAIN_STATS_STATE     = 0x1,
    VIR_DOMAIN_STATS_CPU_TOTAL = 0x2,
    VIR_DOMAIN_STATS_BALLOON   = 0x4,
    VIR_DOMAIN_STATS_VCPU      = 0x8,
    VIR_DOMAIN_STATS_INTERFACE = 0x10,
    VIR_DOMAIN_STATS_BLOCK     = 0x20,
    VIR_DOMAIN_STATS_PERF      = 0x40,
    VIR_DOMAIN_STATS_IOTHREAD  = 0x80,
    VIR_DOMAIN_STATS_MEMORY    = 0x100,
    VIR_DOMAIN_STATS_DIRTYRATE = 0x200,
    VIR_DOMAIN_STATS_VM        = 0x400,
} virDomainStatsTypes;

/**
 * Flags for virDomainUndefineFlags().
 */
typedef enum {
    VIR_DOMAIN_UNDEFINE_MANAGED_SAVE         = 0x1,
    VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA   = 0x2,
    VIR_DOMAIN_UNDEFINE_NVRAM                = 0x4,
    VIR_DOMAIN_UNDEFINE_KEEP_NVRAM           = 0x8,
    VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA = 0x10,
    VIR_DOMAIN_UNDEFINE_TPM                  = 0x20,
    VIR_DOMAIN_UNDEFINE_KEEP_TPM             = 0x40,
} virDomainUndefineFlagsValues;

/**
 * Flags for virDomainGetVcpusFlags() and virDomainSetVcpusFlags().
 */
typedef enum {
    VIR_DOMAIN_VCPU_CURRENT      = 0x0,
    VIR_DOMAIN_VCPU_LIVE         = 0x1,
    VIR_DOMAIN_VCPU_CONFIG       = 0x2,
    VIR_DOMAIN_VCPU_MAXIMUM      = 0x4,
    VIR_DOMAIN_VCPU_GUEST        = 0x8,
    VIR_DOMAIN_VCPU_HOTPLUGGABLE = 0x10,
} virDomainVcpuFlags;

/**
 * Flags for virDomainGetXMLDesc().
 */
typedef enum {
    VIR_DOMAIN_XML_SECURE     = 0x1,
    VIR_DOMAIN_XML_INACTIVE   = 0x2,
    VIR_DOMAIN_XML_UPDATE_CPU = 0x4,
    VIR_DOMAIN_XML_MIGRATABLE = 0x8,
} virDomainXMLFlags;

/**
 * Key code sets understood by virDomainSendKey().
 */
typedef enum {
    VIR_KEYCODE_SET_LINUX  = 0,
    VIR_KEYCODE_SET_XT     = 1,
    VIR_KEYCODE_SET_ATSET1 = 2,
    VIR_KEYCODE_SET_ATSET2 = 3,
    VIR_KEYCODE_SET_ATSET3 = 4,
    VIR_KEYCODE_SET_OSX    = 5,
    VIR_KEYCODE_SET_XT_KBD = 6,
    VIR_KEYCODE_SET_USB    = 7,
    VIR_KEYCODE_SET_WIN32  = 8,
    VIR_KEYCODE_SET_QNUM   = 9,
#ifdef VIR_ENUM_SENTINELS
    VIR_KEYCODE_SET_LAST   = 10,
#endif
} virKeycodeSet;

/**
 * Old names of the virTypedParameterType values, for virMemoryParameter.
 */
typedef enum {
    VIR_DOMAIN_MEMORY_PARAM_INT     = 1,
    VIR_DOMAIN_MEMORY_PARAM_UINT    = 2,
    VIR_DOMAIN_MEMORY_PARAM_LLONG   = 3,
    VIR_DOMAIN_MEMORY_PARAM_ULLONG  = 4,
    VIR_DOMAIN_MEMORY_PARAM_DOUBLE  = 5,
    VIR_DOMAIN_MEMORY_PARAM_BOOLEAN = 6,
} virMemoryParameterType;

/**
 * Old names of the virTypedParameterType values, for virSchedParameter.
 */
typedef enum {
    VIR_DOMAIN_SCHED_FIELD_INT     = 1,
    VIR_DOMAIN_SCHED_FIELD_UINT    = 2,
    VIR_DOMAIN_SCHED_FIELD_LLONG   = 3,
    VIR_DOMAIN_SCHED_FIELD_ULLONG  = 4,
    VIR_DOMAIN_SCHED_FIELD_DOUBLE  = 5,
    VIR_DOMAIN_SCHED_FIELD_BOOLEAN = 6,
} virSchedParameterType;

/**
 * Special values of virVcpuInfo.cpu.
 */
typedef enum {
    VIR_VCPU_INFO_CPU_UNAVAILABLE = -2,
    VIR_VCPU_INFO_CPU_OFFLINE     = -1,
} virVcpuHostCpuState;

/**
 * States of a virtual CPU (virVcpuInfo.state).
 */
typedef enum {
    VIR_VCPU_OFFLINE = 0,
    VIR_VCPU_RUNNING = 1,
    VIR_VCPU_BLOCKED = 2,
#ifdef VIR_ENUM_SENTINELS
    VIR_VCPU_LAST    = 3,
#endif
} virVcpuState;

typedef struct _virTypedParameter virBlkioParameter;
typedef struct _virDomainBlockInfo virDomainBlockInfo;
typedef struct _virDomainBlockJobInfo virDomainBlockJobInfo;
typedef struct _virDomainBlockStats virDomainBlockStatsStruct;
typedef struct _virDomainControlInfo virDomainControlInfo;
typedef struct _virDomainDiskError virDomainDiskError;
typedef struct _virDomainEventGraphicsAddress virDomainEventGraphicsAddress;
typedef struct _virDomainEventGraphicsSubject virDomainEventGraphicsSubject;
typedef struct _virDomainEventGraphicsSubjectIdentity virDomainEventGraphicsSubjectIdentity;
typedef struct _virDomainFSInfo virDomainFSInfo;
typedef struct _virDomainIOThreadInfo virDomainIOThreadInfo;
typedef struct _virDomainInterfaceIPAddress virDomainIPAddress;
typedef struct _virDomainInfo virDomainInfo;
typedef struct _virDomainInterface virDomainInterface;
typedef struct _virDomainInterfaceStats virDomainInterfaceStatsStruct;
typedef struct _virDomainJobInfo virDomainJobInfo;
typedef struct _virDomainMemoryStat virDomainMemoryStatStruct;
typedef struct _virDomainStatsRecord virDomainStatsRecord;
typedef struct _virTypedParameter virMemoryParameter;
typedef struct _virTypedParameter virSchedParameter;
typedef struct _virVcpuInfo virVcpuInfo;
typedef virBlkioParameter *virBlkioParameterPtr;
typedef virDomainBlockInfo *virDomainBlockInfoPtr;
typedef unsigned long long virDomainBlockJobCursor;
typedef virDomainBlockJobInfo *virDomainBlockJobInfoPtr;
typedef virDomainBlockStatsStruct *virDomainBlockStatsPtr;
typedef virDomainControlInfo *virDomainControlInfoPtr;
typedef virDomainDiskError *virDomainDiskErrorPtr;
typedef virDomainEventGraphicsAddress *virDomainEventGraphicsAddressPtr;
typedef virDomainEventGraphicsSubjectIdentity *virDomainEventGraphicsSubjectIdentityPtr;
typedef virDomainEventGraphicsSubject *virDomainEventGraphicsSubjectPtr;
typedef virDomainFSInfo *virDomainFSInfoPtr;
typedef virDomainIOThreadInfo *virDomainIOThreadInfoPtr;
typedef virDomainIPAddress *virDomainIPAddressPtr;
typedef virDomainInfo *virDomainInfoPtr;
typedef virDomainInterface *virDomainInterfacePtr;
typedef virDomainInterfaceStatsStruct *virDomainInterfaceStatsPtr;
typedef virDomainJobInfo *virDomainJobInfoPtr;
typedef virDomainMemoryStatStruct *virDomainMemoryStatPtr;
typedef virDomain *virDomainPtr;
typedef virDomainStatsRecord *virDomainStatsRecordPtr;
typedef virMemoryParameter *virMemoryParameterPtr;
typedef virSchedParameter *virSchedParameterPtr;
typedef virVcpuInfo *virVcpuInfoPtr;

/**
 * Callback for VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE: the guest agent
 * connected or disconnected.
 *
 * @param conn    connection handle
 * @param dom     domain handle
 * @param state   a virConnectDomainEventAgentLifecycleState value
 * @param reason  a virConnectDomainEventAgentLifecycleReason value
 * @param opaque  data given at registration
 */
typedef void (*virConnectDomainEventAgentLifecycleCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        int state,
        int reason,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE: the memory balloon
 * changed size.
 *
 * @param conn    connection handle
 * @param dom     domain handle
 * @param actual  new guest memory size in KiB
 * @param opaque  data given at registration
 */
typedef void (*virConnectDomainEventBalloonChangeCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        unsigned long long actual,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_BLOCK_JOB and
 * VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2: a block job finished, failed, was
 * cancelled or became ready to pivot. The first event reports the disk by
 * source path, the second by target name.
 *
 * @param conn    connection handle
 * @param dom     domain handle
 * @param disk    disk source path or target name
 * @param type    a virDomainBlockJobType value
 * @param status  a virConnectDomainEventBlockJobStatus value
 * @param opaque  data given at registration
 */
typedef void (*virConnectDomainEventBlockJobCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        const char *disk,
        int type,
        int status,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD: guest writes reached the
 * threshold set with virDomainSetBlockThreshold().
 *
 * @param conn       connection handle
 * @param dom        domain handle
 * @param dev        disk target name, possibly with a backing chain index
 * @param path       source path of the image, or NULL
 * @param threshold  the threshold that was set, in bytes
 * @param excess     bytes written beyond the threshold
 * @param opaque     data given at registration
 */
typedef void (*virConnectDomainEventBlockThresholdCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        const char *dev,
        const char *path,
        unsigned long long threshold,
        unsigned long long excess,
        void *opaque);

/**
 * Signature of the callback used with the legacy
 * virConnectDomainEventRegister(): reports domain lifecycle events. The
 * return value is ignored.
 *
 * @param conn    connection handle
 * @param dom     domain handle
 * @param event   a virDomainEventType value
 * @param detail  the matching virDomainEvent*DetailType value
 * @param opaque  data given at registration
 */
typedef int (*virConnectDomainEventCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        int event,
        int detail,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_DEVICE_ADDED: a device was hot-plugged.
 *
 * @param conn      connection handle
 * @param dom       domain handle
 * @param devAlias  alias of the new device
 * @param opaque    data given at registration
 */
typedef void (*virConnectDomainEventDeviceAddedCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        const char *devAlias,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED: the guest refused
 * or failed to release a device.
 *
 * @param conn      connection handle
 * @param dom       domain handle
 * @param devAlias  alias of the device
 * @param opaque    data given at registration
 */
typedef void (*virConnectDomainEventDeviceRemovalFailedCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        const char *devAlias,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED: unplugging a device
 * completed.
 *
 * @param conn      connection handle
 * @param dom       domain handle
 * @param devAlias  alias of the removed device
 * @param opaque    data given at registration
 */
typedef void (*virConnectDomainEventDeviceRemovedCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        const char *devAlias,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_DISK_CHANGE: the medium of a removable
 * disk changed or went missing.
 *
 * @param conn        connection handle
 * @param dom         domain handle
 * @param oldSrcPath  previous source, or NULL
 * @param newSrcPath  new source, or NULL
 * @param devAlias    alias of the disk
 * @param reason      a virConnectDomainEventDiskChangeReason value
 * @param opaque      data given at registration
 */
typedef void (*virConnectDomainEventDiskChangeCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        const char *oldSrcPath,
        const char *newSrcPath,
        const char *devAlias,
        int reason,
        void *opaque);

/**
 * Generic callback type used in the prototype of
 * virConnectDomainEventRegisterAny(); the real callback, whose type depends
 * on the event ID, must be cast to it with VIR_DOMAIN_EVENT_CALLBACK().
 *
 * @param conn    connection handle
 * @param dom     domain handle
 * @param opaque  data given at registration
 */
typedef void (*virConnectDomainEventGenericCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_GRAPHICS: a client connected to,
 * authenticated with, or disconnected from a graphics server of the domain.
 * The structures are only valid during the call.
 *
 * @param conn        connection handle
 * @param dom         domain handle
 * @param phase       a virDomainEventGraphicsPhase value
 * @param local       server side address
 * @param remote      client address
 * @param authScheme  authentication scheme in use
 * @param subject     identities of the client
 * @param opaque      data given at registration
 */
typedef void (*virConnectDomainEventGraphicsCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        int phase,
        const virDomainEventGraphicsAddress *local,
        const virDomainEventGraphicsAddress *remote,
        const char *authScheme,
        const virDomainEventGraphicsSubject *subject,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_IO_ERROR: a disk I/O error occurred.
 *
 * @param conn      connection handle
 * @param dom       domain handle
 * @param srcPath   source path of the disk
 * @param devAlias  alias of the disk
 * @param action    a virDomainEventIOErrorAction value
 * @param opaque    data given at registration
 */
typedef void (*virConnectDomainEventIOErrorCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        const char *srcPath,
        const char *devAlias,
        int action,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON: a disk I/O error
 * occurred; includes the cause.
 *
 * @param conn      connection handle
 * @param dom       domain handle
 * @param srcPath   source path of the disk
 * @param devAlias  alias of the disk
 * @param action    a virDomainEventIOErrorAction value
 * @param reason    short cause, such as "enospc", or "" if unknown
 * @param opaque    data given at registration
 */
typedef void (*virConnectDomainEventIOErrorReasonCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        const char *srcPath,
        const char *devAlias,
        int action,
        const char *reason,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_JOB_COMPLETED: a background job finished.
 * The statistics (VIR_DOMAIN_JOB_* names) are only valid during the call.
 *
 * @param conn     connection handle
 * @param dom      domain handle
 * @param params   final job statistics
 * @param nparams  number of entries in @p params
 * @param opaque   data given at registration
 */
typedef void (*virConnectDomainEventJobCompletedCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        virTypedParameterPtr params,
        int nparams,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE: the guest
 * changed the size of a memory device (e.g. virtio-mem).
 *
 * @param conn    connection handle
 * @param dom     domain handle
 * @param alias   alias of the memory device
 * @param size    new size in KiB
 * @param opaque  data given at registration
 */
typedef void (*virConnectDomainEventMemoryDeviceSizeChangeCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        const char *alias,
        unsigned long long size,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE: a hardware memory error
 * affected the domain.
 *
 * @param conn       connection handle
 * @param dom        domain handle
 * @param recipient  a virDomainMemoryFailureRecipientType value
 * @param action     a virDomainMemoryFailureActionType value
 * @param flags      bitwise OR of virDomainMemoryFailureFlags
 * @param opaque     data given at registration
 */
typedef void (*virConnectDomainEventMemoryFailureCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        int recipient,
        int action,
        unsigned int flags,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_METADATA_CHANGE: the domain's metadata
 * changed.
 *
 * @param conn    connection handle
 * @param dom     domain handle
 * @param type    a virDomainMetadataType value
 * @param nsuri   namespace URI for VIR_DOMAIN_METADATA_ELEMENT, NULL
 *                otherwise
 * @param opaque  data given at registration
 */
typedef void (*virConnectDomainEventMetadataChangeCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        int type,
        const char *nsuri,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION: live migration
 * started another pass over guest memory.
 *
 * @param conn       connection handle
 * @param dom        domain handle
 * @param iteration  number of the pass, starting with 1
 * @param opaque     data given at registration
 */
typedef void (*virConnectDomainEventMigrationIterationCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        int iteration,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_PMSUSPEND: the guest suspended itself to
 * RAM.
 *
 * @param conn    connection handle
 * @param dom     domain handle
 * @param reason  reserved, currently 0
 * @param opaque  data given at registration
 */
typedef void (*virConnectDomainEventPMSuspendCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        int reason,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK: the guest suspended
 * itself to disk.
 *
 * @param conn    connection handle
 * @param dom     domain handle
 * @param reason  reserved, currently 0
 * @param opaque  data given at registration
 */
typedef void (*virConnectDomainEventPMSuspendDiskCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        int reason,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_PMWAKEUP: the guest woke up from a power
 * management sleep state.
 *
 * @param conn    connection handle
 * @param dom     domain handle
 * @param reason  reserved, currently 0
 * @param opaque  data given at registration
 */
typedef void (*virConnectDomainEventPMWakeupCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        int reason,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_RTC_CHANGE: the guest adjusted its real
 * time clock.
 *
 * @param conn       connection handle
 * @param dom        domain handle
 * @param utcoffset  new offset from UTC, in seconds
 * @param opaque     data given at registration
 */
typedef void (*virConnectDomainEventRTCChangeCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        long long utcoffset,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_TRAY_CHANGE: the tray of a removable
 * media drive opened or closed.
 *
 * @param conn      connection handle
 * @param dom       domain handle
 * @param devAlias  alias of the drive
 * @param reason    a virDomainEventTrayChangeReason value
 * @param opaque    data given at registration
 */
typedef void (*virConnectDomainEventTrayChangeCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        const char *devAlias,
        int reason,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_TUNABLE: tunables of the domain changed.
 * The parameters (VIR_DOMAIN_TUNABLE_* names) are only valid during the
 * call.
 *
 * @param conn     connection handle
 * @param dom      domain handle
 * @param params   changed tunables
 * @param nparams  number of entries in @p params
 * @param opaque   data given at registration
 */
typedef void (*virConnectDomainEventTunableCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        virTypedParameterPtr params,
        int nparams,
        void *opaque);

/**
 * Callback for VIR_DOMAIN_EVENT_ID_WATCHDOG: the guest's watchdog device
 * fired.
 *
 * @param conn    connection handle
 * @param dom     domain handle
 * @param action  a virDomainEventWatchdogAction value
 * @param opaque  data given at registration
 */
typedef void (*virConnectDomainEventWatchdogCallback)(
        virConnectPtr conn,
        virDomainPtr dom,
        int action,
        void *opaque);

/**
 * Size information about a disk, see virDomainGetBlockInfo().
 */
struct _virDomainBlockInfo {
    unsigned long long capacity; /* size seen by the guest, in bytes */
    unsigned long long allocation; /* bytes allocated on the host */
    unsigned long long physical; /* size of the host container, in bytes */
};

/**
 * Progress of a block job, see virDomainGetBlockJobInfo(). cur/end measure
 * progress in unspecified units.
 */
struct _virDomainBlockJobInfo {
    int type; /* virDomainBlockJobType */
    unsigned long bandwidth; /* speed limit, MiB/s unless bytes were requested */
    virDomainBlockJobCursor cur; /* progress so far */
    virDomainBlockJobCursor end; /* progress value at completion */
};

/**
 * Disk I/O counters, see virDomainBlockStats(). Unknown values are -1.
 */
struct _virDomainBlockStats {
    long long rd_req; /* read requests */
    long long rd_bytes; /* bytes read */
    long long wr_req; /* write requests */
    long long wr_bytes; /* bytes written */
    long long errs; /* driver specific error count */
};

/**
 * State of the management channel to a domain, see
 * virDomainGetControlInfo().
 */
struct _virDomainControlInfo {
    unsigned int state; /* virDomainControlState */
    unsigned int details; /* state specific detail */
    unsigned long long stateTime; /* milliseconds spent in this state */
};

/**
 * A disk that experienced an error, see virDomainGetDiskErrors().
 */
struct _virDomainDiskError {
    char *disk; /* disk target name, free with free() */
    int error; /* virDomainDiskErrorCode */
};

/**
 * Network address of one end of a graphics connection.
 */
struct _virDomainEventGraphicsAddress {
    int family; /* virDomainEventGraphicsAddressType */
    char *node; /* address in text form */
    char *service; /* port or service name */
};

/**
 * The identities of a graphics client.
 */
struct _virDomainEventGraphicsSubject {
    int nidentity; /* number of entries in identities */
    virDomainEventGraphicsSubjectIdentityPtr identities; /* array of identities */
};

/**
 * One identity of a graphics client (e.g. an x509 distinguished name or a
 * SASL user name).
 */
struct _virDomainEventGraphicsSubjectIdentity {
    char *type; /* kind of identity, e.g. "x509dname" */
    char *name; /* the identity */
};

/**
 * A guest filesystem, see virDomainGetFSInfo(). Release with
 * virDomainFSInfoFree().
 */
struct _virDomainFSInfo {
    char *mountpoint; /* mount point in the guest */
    char *name; /* guest device name */
    char *fstype; /* filesystem type */
    size_t ndevAlias; /* number of entries in devAlias */
    char **devAlias; /* target names of the backing disks */
};

/**
 * An I/O thread of a domain, see virDomainGetIOThreadInfo(). Release with
 * virDomainIOThreadInfoFree().
 */
struct _virDomainIOThreadInfo {
    unsigned int iothread_id; /* thread ID */
    unsigned char *cpumap; /* host CPU affinity bitmap */
    int cpumaplen; /* length of cpumap in bytes */
};

/**
 * An IP address of a guest interface.
 */
struct _virDomainInterfaceIPAddress {
    int type; /* virIPAddrType */
    char *addr; /* address in text form */
    unsigned int prefix; /* prefix length */
};

/**
 * Summary of a domain's state and resources, filled in by
 * virDomainGetInfo().
 */
struct _virDomainInfo {
    unsigned char state; /* virDomainState */
    unsigned long maxMem; /* maximum memory in KiB */
    unsigned long memory; /* current memory in KiB */
    unsigned short nrVirtCpu; /* number of virtual CPUs */
    unsigned long long cpuTime; /* CPU time used, in nanoseconds */
};

/**
 * A guest network interface and its addresses, see
 * virDomainInterfaceAddresses(). Release with virDomainInterfaceFree().
 */
struct _virDomainInterface {
    char *name; /* interface name */
    char *hwaddr; /* MAC address, may be NULL */
    unsigned int naddrs; /* number of entries in addrs */
    virDomainIPAddressPtr addrs; /* array of addresses */
};

/**
 * Network interface counters, see virDomainInterfaceStats(). Unknown values
 * are -1.
 */
struct _virDomainInterfaceStats {
    long long rx_bytes; /* bytes received */
    long long rx_packets; /* packets received */
    long long rx_errs; /* receive errors */
    long long rx_drop; /* received packets dropped */
    long long tx_bytes; /* bytes sent */
    long long tx_packets; /* packets sent */
    long long tx_errs; /* send errors */
    long long tx_drop; /* sent packets dropped */
};

/**
 * Progress of a background job, see virDomainGetJobInfo(). Times are in
 * milliseconds, amounts in bytes.
 */
struct _virDomainJobInfo {
    int type; /* virDomainJobType */
    unsigned long long timeElapsed; /* time since the job started */
    unsigned long long timeRemaining; /* estimated time left */
    unsigned long long dataTotal; /* total data to process */
    unsigned long long dataProcessed; /* data processed so far */
    unsigned long long dataRemaining; /* data left */
    unsigned long long memTotal; /* memory part of dataTotal */
    unsigned long long memProcessed; /* memory part of dataProcessed */
    unsigned long long memRemaining; /* memory part of dataRemaining */
    unsigned long long fileTotal; /* file part of dataTotal */
    unsigned long long fileProcessed; /* file part of dataProcessed */
    unsigned long long fileRemaining; /* file part of dataRemaining */
};

/**
 * One memory statistic, see virDomainMemoryStats().
 */
struct _virDomainMemoryStat {
    int tag; /* virDomainMemoryStatTags */
    unsigned long long val; /* value */
};

/**
 * Statistics of one domain, see virConnectGetAllDomainStats().
 */
struct _virDomainStatsRecord {
    virDomainPtr dom; /* the domain */
    virTypedParameterPtr params; /* statistics as typed parameters */
    int nparams; /* number of entries in params */
};

/**
 * State of one virtual CPU, see virDomainGetVcpus().
 */
struct _virVcpuInfo {
    unsigned int number; /* virtual CPU number */
    int state; /* virVcpuState */
    unsigned long long cpuTime; /* CPU time used, in nanoseconds */
    int cpu; /* host CPU currently used, or a virVcpuHostCpuState value */
};

/**
 * Remove a callback added with virConnectDomainEventRegister().
 *
 * @param conn  connection handle
 * @param cb    the callback that was registered
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virConnectDomainEventDeregister(
        virConnectPtr conn,
        virConnectDomainEventCallback cb);

/**
 * Remove a callback added with virConnectDomainEventRegisterAny(). Its @p
 * freecb, if any, runs once the callback can no longer be invoked.
 *
 * @param conn        connection handle
 * @param callbackID  value returned by virConnectDomainEventRegisterAny()
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virConnectDomainEventDeregisterAny(
        virConnectPtr conn,
        int callbackID);

/**
 * Register a callback for domain lifecycle events. Superseded by
 * virConnectDomainEventRegisterAny(), which supports every event kind. An
 * event loop must be running.
 *
 * @param conn    connection handle
 * @param cb      callback
 * @param opaque  caller data handed to @p cb
 * @param freecb  optional destructor for @p opaque
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virConnectDomainEventRegister(
        virConnectPtr conn,
        virConnectDomainEventCallback cb,
        void *opaque,
        virFreeCallback freecb);

/**
 * Register @p cb to be told about domain events of kind @p eventID (a
 * virDomainEventID value). The callback is declared with the generic type;
 * cast the real, event specific, callback with VIR_DOMAIN_EVENT_CALLBACK().
 * When @p dom is non-NULL only events for that domain are delivered. Events
 * are only dispatched while an event loop implementation is registered and
 * running.
 *
 * @param conn     connection handle
 * @param dom      domain to watch, or NULL for all
 * @param eventID  which event to watch (virDomainEventID)
 * @param cb       callback, cast with VIR_DOMAIN_EVENT_CALLBACK()
 * @param opaque   caller data handed to @p cb
 * @param freecb   optional destructor for @p opaque, called when the
 *                 callback is unregistered
 *
 * @return a callback identifier (0 or greater) to pass to
 *         virConnectDomainEventDeregisterAny(), or -1 on error.
 */
VIREO_API int virConnectDomainEventRegisterAny(
        virConnectPtr conn,
        virDomainPtr dom,
        int eventID,
        virConnectDomainEventGenericCallback cb,
        void *opaque,
        virFreeCallback freecb);

/**
 * Convert a hypervisor specific configuration (for example a QEMU command
 * line) into domain XML.
 *
 * @param conn          connection handle
 * @param nativeFormat  name of the native format, e.g. "qemu-argv"
 * @param nativeConfig  configuration in that format
 * @param flags         must be 0
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virConnectDomainXMLFromNative(
        virConnectPtr conn,
        const char *nativeFormat,
        const char *nativeConfig,
        unsigned int flags);

/**
 * Convert domain XML into a hypervisor specific configuration (for example a
 * QEMU command line).
 *
 * @param conn          connection handle
 * @param nativeFormat  name of the native format, e.g. "qemu-argv"
 * @param domainXml     domain XML
 * @param flags         must be 0
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virConnectDomainXMLToNative(
        virConnectPtr conn,
        const char *nativeFormat,
        const char *domainXml,
        unsigned int flags);

/**
 * Collect statistics about many domains in one call. @p stats selects groups
 * of statistics; @p flags filters the domains.
 *
 * @param conn      connection handle
 * @param stats     bitwise OR of virDomainStatsTypes, or 0 for all supported
 *                  groups
 * @param retStats  receives a newly allocated, NULL terminated array of
 *                  records
 * @param flags     bitwise OR of virConnectGetAllDomainStatsFlags
 *
 * @return the number of records, or -1 on error. Release the array with
 *         virDomainStatsRecordListFree().
 */
VIREO_API int virConnectGetAllDomainStats(
        virConnectPtr conn,
        unsigned int stats,
        virDomainStatsRecordPtr **retStats,
        unsigned int flags);

/**
 * Describe, in XML, what a domain can use for the given emulator /
 * architecture / machine type / virtualization type (each NULL for the
 * default): devices, CPU models, firmware, features.
 *
 * @param conn         connection handle
 * @param emulatorbin  emulator binary, or NULL
 * @param arch         guest architecture, or NULL
 * @param machine      machine type, or NULL
 * @param virttype     virtualization type, or NULL
 * @param flags        must be 0
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virConnectGetDomainCapabilities(
        virConnectPtr conn,
        const char *emulatorbin,
        const char *arch,
        const char *machine,
        const char *virttype,
        unsigned int flags);

/**
 * Collect handles for all domains known to the connection, active or not. @p
 * flags is a bitwise OR of virConnectListAllDomainsFlags values restricting
 * the result; 0 lists everything.
 *
 * @param conn     connection handle
 * @param domains  if non-NULL, receives a newly allocated array of handles;
 *                 pass NULL to only count
 * @param flags    filter flags
 *
 * @return the number of domains found, or -1 on error. Each element of the
 *         returned array must be released with virDomainFree() and the array
 *         itself with free().
 */
VIREO_API int virConnectListAllDomains(virConnectPtr conn,
                                       virDomainPtr **domains,
                                       unsigned int flags);

/**
 * Store the names of up to @p maxnames inactive domains into @p names. The
 * list can be out of date by the time it is used; virConnectListAllDomains()
 * avoids that race.
 *
 * @param conn      connection handle
 * @param names     caller provided array receiving newly allocated strings;
 *                  free each with free()
 * @param maxnames  number of slots in @p names
 *
 * @return the number of entries stored, or -1 on error.
 */
VIREO_API int virConnectListDefinedDomains(
        virConnectPtr conn,
        char **const names,
        int maxnames);

/**
 * Store the IDs of up to @p maxids running domains into @p ids.
 * virConnectListAllDomains() is preferred: it returns handles and is free of
 * races.
 *
 * @param conn    connection handle
 * @param ids     caller provided array receiving the IDs
 * @param maxids  number of slots in @p ids
 *
 * @return the number of IDs stored, or -1 on error.
 */
VIREO_API int virConnectListDomains(virConnectPtr conn, int *ids, int maxids);

/**
 * Count the inactive (defined but not running) domains.
 *
 * @param conn  connection handle
 *
 * @return the number of domains, or -1 on error.
 */
VIREO_API int virConnectNumOfDefinedDomains(virConnectPtr conn);

/**
 * Count the active domains.
 *
 * @param conn  connection handle
 *
 * @return the number of domains, or -1 on error.
 */
VIREO_API int virConnectNumOfDomains(virConnectPtr conn);

/**
 * Cancel the background job running on the domain.
 *
 * @param domain  domain handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainAbortJob(virDomainPtr domain);

/**
 * Cancel the background job running on the domain, with flags.
 *
 * @param domain  domain handle
 * @param flags   bitwise OR of virDomainAbortJobFlagsValues
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainAbortJobFlags(virDomainPtr domain, unsigned int flags);

/**
 * Add an I/O thread to the domain.
 *
 * @param domain       domain handle
 * @param iothread_id  ID of the new thread (positive)
 * @param flags        bitwise OR of virDomainModificationImpact values (live
 *                     state, persistent configuration, or the current one)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainAddIOThread(virDomainPtr domain,
                                   unsigned int iothread_id,
                                   unsigned int flags);

/**
 * Set how long calls that talk to the guest agent wait for its answer.
 *
 * @param domain   domain handle
 * @param timeout  seconds, or one of virDomainAgentResponseTimeoutValues
 * @param flags    must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainAgentSetResponseTimeout(
        virDomainPtr domain,
        int timeout,
        unsigned int flags);

/**
 * Hot-plug a device, described by a device XML element, into a running
 * domain.
 *
 * @param domain  domain handle
 * @param xml     device XML
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainAttachDevice(virDomainPtr domain, const char *xml);

/**
 * Add a device, described by a device XML element, to the live domain and/or
 * its configuration.
 *
 * @param domain  domain handle
 * @param xml     device XML
 * @param flags   bitwise OR of virDomainDeviceModifyFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainAttachDeviceFlags(
        virDomainPtr domain,
        const char *xml,
        unsigned int flags);

/**
 * Read the SSH authorized keys of a guest user through the guest agent.
 *
 * @param domain  domain handle
 * @param user    user name
 * @param keys    receives a newly allocated array of strings; free each and
 *                then the array with free()
 * @param flags   must be 0
 *
 * @return the number of keys, or -1 on error.
 */
VIREO_API int virDomainAuthorizedSSHKeysGet(
        virDomainPtr domain,
        const char *user,
        char ***keys,
        unsigned int flags);

/**
 * Replace, extend or prune the SSH authorized keys of a guest user through
 * the guest agent.
 *
 * @param domain  domain handle
 * @param user    user name
 * @param keys    keys to set, add or remove
 * @param nkeys   number of entries in @p keys
 * @param flags   bitwise OR of virDomainAuthorizedSSHKeysSetFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainAuthorizedSSHKeysSet(
        virDomainPtr domain,
        const char *user,
        const char **keys,
        unsigned int nkeys,
        unsigned int flags);

/**
 * Start a backup job: either push the disks' contents to the targets named
 * in @p backupXML, or export them for a client to pull. An optional
 * checkpoint can be created at the same time for later incremental backups.
 * The job ends on completion or with virDomainAbortJob().
 *
 * @param domain         domain handle
 * @param backupXML      XML description of the backup
 * @param checkpointXML  XML of a checkpoint to create, or NULL
 * @param flags          bitwise OR of virDomainBackupBeginFlags
 *
 * @return 0 if the job started, -1 on error.
 */
VIREO_API int virDomainBackupBegin(virDomainPtr domain,
                                   const char *backupXML,
                                   const char *checkpointXML,
                                   unsigned int flags);

/**
 * Describe the running backup job in XML.
 *
 * @param domain  domain handle
 * @param flags   must be 0
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virDomainBackupGetXMLDesc(
        virDomainPtr domain,
        unsigned int flags);

/**
 * Start a background job merging the images between @p top and @p base of a
 * disk's backing chain down into @p base.
 *
 * @param dom        domain handle
 * @param disk       disk target name or source path
 * @param base       image to merge into, or NULL for the deepest one
 * @param top        top image to merge, or NULL for the active image
 * @param bandwidth  speed limit in MiB/s (bytes/s with
 *                   VIR_DOMAIN_BLOCK_COMMIT_BANDWIDTH_BYTES), 0 for
 *                   unlimited
 * @param flags      bitwise OR of virDomainBlockCommitFlags
 *
 * @return 0 if the job started, -1 on error.
 */
VIREO_API int virDomainBlockCommit(virDomainPtr dom,
                                   const char *disk,
                                   const char *base,
                                   const char *top,
                                   unsigned long bandwidth,
                                   unsigned int flags);

/**
 * Start a background job copying a disk to a new destination described by a
 * <disk> XML element. Once synchronised the job keeps mirroring writes until
 * virDomainBlockJobAbort() ends it, switching the guest to the copy with
 * VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT.
 *
 * @param dom      domain handle
 * @param disk     disk target name or source path
 * @param destxml  XML describing the destination
 * @param params   optional tunables (the VIR_DOMAIN_BLOCK_COPY_* names)
 * @param nparams  number of entries in @p params
 * @param flags    bitwise OR of virDomainBlockCopyFlags
 *
 * @return 0 if the job started, -1 on error.
 */
VIREO_API int virDomainBlockCopy(virDomainPtr dom,
                                 const char *disk,
                                 const char *destxml,
                                 virTypedParameterPtr params,
                                 int nparams,
                                 unsigned int flags);

/**
 * Cancel the block job running on a disk or, for copy and active commit jobs
 * that reached the mirroring phase, complete it by switching to the new
 * image (VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT).
 *
 * @param dom    domain handle
 * @param disk   disk target name or source path
 * @param flags  bitwise OR of virDomainBlockJobAbortFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainBlockJobAbort(virDomainPtr dom,
                                     const char *disk,
                                     unsigned int flags);

/**
 * Change the speed limit of the block job running on a disk.
 *
 * @param dom        domain handle
 * @param disk       disk target name or source path
 * @param bandwidth  speed limit in MiB/s (bytes/s with
 *                   VIR_DOMAIN_BLOCK_JOB_SPEED_BANDWIDTH_BYTES), 0 for
 *                   unlimited
 * @param flags      bitwise OR of virDomainBlockJobSetSpeedFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainBlockJobSetSpeed(virDomainPtr dom,
                                        const char *disk,
                                        unsigned long bandwidth,
                                        unsigned int flags);

/**
 * Copy a range of a disk's contents, as seen by the guest, into @p buffer.
 *
 * @param dom     domain handle
 * @param disk    disk target name or source path
 * @param offset  byte offset in the disk
 * @param size    number of bytes to read
 * @param buffer  buffer of at least @p size bytes
 * @param flags   must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainBlockPeek(virDomainPtr dom,
                                 const char *disk,
                                 unsigned long long offset,
                                 size_t size,
                                 void *buffer,
                                 unsigned int flags);

/**
 * Start a background job copying data from the backing chain into the disk's
 * top image, so that the backing files are no longer needed. Follow it with
 * virDomainGetBlockJobInfo() or block job events.
 *
 * @param dom        domain handle
 * @param disk       disk target name or source path
 * @param bandwidth  speed limit in MiB/s (bytes/s with
 *                   VIR_DOMAIN_BLOCK_PULL_BANDWIDTH_BYTES), 0 for unlimited
 * @param flags      bitwise OR of virDomainBlockPullFlags
 *
 * @return 0 if the job started, -1 on error.
 */
VIREO_API int virDomainBlockPull(virDomainPtr dom,
                                 const char *disk,
                                 unsigned long bandwidth,
                                 unsigned int flags);

/**
 * Start a background job that either pulls data from the backing chain down
 * to @p base, or (with VIR_DOMAIN_BLOCK_REBASE_COPY) copies the disk to a
 * new image at @p base.
 *
 * @param dom        domain handle
 * @param disk       disk target name or source path
 * @param base       backing image to keep, or copy destination, or NULL
 * @param bandwidth  speed limit in MiB/s (bytes/s with
 *                   VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES), 0 for
 *                   unlimited
 * @param flags      bitwise OR of virDomainBlockRebaseFlags
 *
 * @return 0 if the job started, -1 on error.
 */
VIREO_API int virDomainBlockRebase(virDomainPtr dom,
                                   const char *disk,
                                   const char *base,
                                   unsigned long bandwidth,
                                   unsigned int flags);

/**
 * Change the size of a disk of a running domain.
 *
 * @param dom    domain handle
 * @param disk   disk target name or source path
 * @param size   new size in KiB (in bytes with
 *               VIR_DOMAIN_BLOCK_RESIZE_BYTES)
 * @param flags  bitwise OR of virDomainBlockResizeFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainBlockResize(virDomainPtr dom,
                                   const char *disk,
                                   unsigned long long size,
                                   unsigned int flags);

/**
 * Read I/O statistics of a disk. Counters that are not available are set to
 * -1.
 *
 * @param dom    domain handle
 * @param disk   disk target name or source path, or "" for the sum over all
 *               disks
 * @param stats  structure to fill in
 * @param size   sizeof(virDomainBlockStatsStruct)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainBlockStats(virDomainPtr dom,
                                  const char *disk,
                                  virDomainBlockStatsPtr stats,
                                  size_t size);

/**
 * Read I/O statistics of a disk as typed parameters (the
 * VIR_DOMAIN_BLOCK_STATS_* names). Call with *nparams set to 0 to learn how
 * many exist.
 *
 * @param dom      domain handle
 * @param disk     disk target name or source path, or "" for all disks
 * @param params   caller allocated array, or NULL when *nparams is 0
 * @param nparams  in: size of @p params; out: entries filled, or available
 * @param flags    VIR_TYPED_PARAM_STRING_OKAY or 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainBlockStatsFlags(virDomainPtr dom,
                                       const char *disk,
                                       virTypedParameterPtr params,
                                       int *nparams,
                                       unsigned int flags);

/**
 * Write the guest memory into a file for post-mortem analysis.
 *
 * @param domain  domain handle
 * @param to      path of the dump file
 * @param flags   bitwise OR of virDomainCoreDumpFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainCoreDump(virDomainPtr domain,
                                const char *to,
                                unsigned int flags);

/**
 * Write the guest memory into a file, in the given format.
 *
 * @param domain      domain handle
 * @param to          path of the dump file
 * @param dumpformat  a virDomainCoreDumpFormat value
 * @param flags       bitwise OR of virDomainCoreDumpFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainCoreDumpWithFormat(
        virDomainPtr domain,
        const char *to,
        unsigned int dumpformat,
        unsigned int flags);

/**
 * Boot a defined but inactive domain. If a managed save image exists, the
 * domain is restored from it instead.
 *
 * @param domain  domain handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainCreate(virDomainPtr domain);

/**
 * Historical name of virDomainCreateXML(); new code should call that
 * instead.
 *
 * @param conn     connection handle
 * @param xmlDesc  domain XML
 * @param flags    must be 0
 *
 * @return a new domain handle; release it with virDomainFree(). NULL on
 *         error.
 */
VIREO_API virDomainPtr virDomainCreateLinux(
        virConnectPtr conn,
        const char *xmlDesc,
        unsigned int flags);

/**
 * Boot a defined but inactive domain, handing open file descriptors to the
 * guest (used by container drivers).
 *
 * @param domain  domain handle
 * @param nfiles  number of entries in @p files
 * @param files   descriptors to pass
 * @param flags   bitwise OR of virDomainCreateFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainCreateWithFiles(virDomainPtr domain,
                                       unsigned int nfiles,
                                       int *files,
                                       unsigned int flags);

/**
 * Boot a defined but inactive domain, with flags.
 *
 * @param domain  domain handle
 * @param flags   bitwise OR of virDomainCreateFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainCreateWithFlags(virDomainPtr domain,
                                       unsigned int flags);

/**
 * Create and boot a transient domain from an XML description; it vanishes
 * once it stops. To keep a configuration around, use virDomainDefineXML()
 * and virDomainCreate() instead.
 *
 * @param conn     connection handle
 * @param xmlDesc  domain XML
 * @param flags    bitwise OR of virDomainCreateFlags
 *
 * @return a new domain handle; release it with virDomainFree(). NULL on
 *         error.
 */
VIREO_API virDomainPtr virDomainCreateXML(
        virConnectPtr conn,
        const char *xmlDesc,
        unsigned int flags);

/**
 * Like virDomainCreateXML(), additionally handing open file descriptors to
 * the guest (used by container drivers).
 *
 * @param conn     connection handle
 * @param xmlDesc  domain XML
 * @param nfiles   number of entries in @p files
 * @param files    descriptors to pass
 * @param flags    bitwise OR of virDomainCreateFlags
 *
 * @return a new domain handle; release it with virDomainFree(). NULL on
 *         error.
 */
VIREO_API virDomainPtr virDomainCreateXMLWithFiles(
        virConnectPtr conn,
        const char *xmlDesc,
        unsigned int nfiles,
        int *files,
        unsigned int flags);

/**
 * Define a persistent domain from an XML description without starting it. If
 * a domain with the same name and UUID is already defined, its configuration
 * is replaced.
 *
 * @param conn  connection handle
 * @param xml   XML description of the domain
 *
 * @return a new domain handle; release it with virDomainFree(). NULL on
 *         error.
 */
VIREO_API virDomainPtr virDomainDefineXML(virConnectPtr conn, const char *xml);

/**
 * Define a persistent domain from an XML description without starting it. If
 * a domain with the same name and UUID is already defined, its configuration
 * is replaced.
 *
 * @param conn   connection handle
 * @param xml    XML description of the domain
 * @param flags  bitwise OR of virDomainDefineFlags values, or 0
 *
 * @return a new domain handle; release it with virDomainFree(). NULL on
 *         error.
 */
VIREO_API virDomainPtr virDomainDefineXMLFlags(
        virConnectPtr conn,
        const char *xml,
        unsigned int flags);

/**
 * Remove an I/O thread from the domain; no disk may still use it.
 *
 * @param domain       domain handle
 * @param iothread_id  ID of the thread
 * @param flags        bitwise OR of virDomainModificationImpact values (live
 *                     state, persistent configuration, or the current one)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainDelIOThread(virDomainPtr domain,
                                   unsigned int iothread_id,
                                   unsigned int flags);

/**
 * Stop a running domain immediately, like pulling its power plug. A
 * transient domain disappears; a persistent one stays defined. The handle
 * must still be released with virDomainFree().
 *
 * @param domain  domain handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainDestroy(virDomainPtr domain);

/**
 * Stop a running domain, with flags (for example to give the process a
 * chance to exit gracefully first).
 *
 * @param domain  domain handle
 * @param flags   bitwise OR of virDomainDestroyFlagsValues
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainDestroyFlags(virDomainPtr domain, unsigned int flags);

/**
 * Hot-unplug a device, identified by its XML description, from a running
 * domain.
 *
 * @param domain  domain handle
 * @param xml     device XML
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainDetachDevice(virDomainPtr domain, const char *xml);

/**
 * Remove the device with the given alias. For the live domain, success only
 * means the request was sent to the guest; completion is signalled by
 * VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED.
 *
 * @param domain  domain handle
 * @param alias   device alias
 * @param flags   bitwise OR of virDomainDeviceModifyFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainDetachDeviceAlias(
        virDomainPtr domain,
        const char *alias,
        unsigned int flags);

/**
 * Remove a device, identified by its XML description, from the live domain
 * and/or its configuration. Live removal may need guest cooperation and
 * complete later; watch for VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED.
 *
 * @param domain  domain handle
 * @param xml     device XML
 * @param flags   bitwise OR of virDomainDeviceModifyFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainDetachDeviceFlags(
        virDomainPtr domain,
        const char *xml,
        unsigned int flags);

/**
 * Hand file descriptors to the driver under a name, so that the domain XML
 * can refer to them (e.g. as disk sources) when the domain is started.
 *
 * @param domain  domain handle
 * @param name    name of the descriptor group
 * @param nfds    number of entries in @p fds
 * @param fds     descriptors to pass
 * @param flags   bitwise OR of virDomainFDAssociateFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainFDAssociate(virDomainPtr domain,
                                   const char *name,
                                   unsigned int nfds,
                                   int *fds,
                                   unsigned int flags);

/**
 * Freeze guest filesystems through the guest agent, e.g. to take a
 * consistent disk snapshot. Thaw them with virDomainFSThaw().
 *
 * @param dom           domain handle
 * @param mountpoints   mount points to freeze, or NULL for all
 * @param nmountpoints  number of entries in @p mountpoints
 * @param flags         must be 0
 *
 * @return the number of filesystems frozen, or -1 on error.
 */
VIREO_API int virDomainFSFreeze(virDomainPtr dom,
                                const char **mountpoints,
                                unsigned int nmountpoints,
                                unsigned int flags);

/**
 * Release a record returned by virDomainGetFSInfo(). NULL is accepted.
 *
 * @param info  record to free
 */
VIREO_API void virDomainFSInfoFree(virDomainFSInfoPtr info);

/**
 * Thaw guest filesystems frozen by virDomainFSFreeze().
 *
 * @param dom           domain handle
 * @param mountpoints   mount points to thaw, or NULL for all
 * @param nmountpoints  number of entries in @p mountpoints
 * @param flags         must be 0
 *
 * @return the number of filesystems thawed, or -1 on error.
 */
VIREO_API int virDomainFSThaw(virDomainPtr dom,
                              const char **mountpoints,
                              unsigned int nmountpoints,
                              unsigned int flags);

/**
 * Ask the guest agent to discard unused blocks of mounted filesystems.
 *
 * @param dom         domain handle
 * @param mountPoint  mount point to trim, or NULL for all
 * @param minimum     free ranges smaller than this many bytes may be skipped
 * @param flags       must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainFSTrim(virDomainPtr dom,
                              const char *mountPoint,
                              unsigned long long minimum,
                              unsigned int flags);

/**
 * Drop one reference to the domain handle and release the handle once no
 * reference remains. The domain itself is not affected.
 *
 * @param domain  domain handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainFree(virDomainPtr domain);

/**
 * Tell whether the domain is started automatically when the host boots or
 * the management daemon starts.
 *
 * @param domain     domain handle
 * @param autostart  receives 1 if autostart is enabled, 0 otherwise
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainGetAutostart(virDomainPtr domain, int *autostart);

/**
 * Read the block I/O tunables of a domain (the VIR_DOMAIN_BLKIO_* names).
 * Call with *nparams set to 0 to learn how many parameters exist, then again
 * with an array that large.
 *
 * @param domain   domain handle
 * @param params   caller allocated array, or NULL when *nparams is 0
 * @param nparams  in: size of @p params; out: number of entries filled, or
 *                 the number available when called with 0
 * @param flags    bitwise OR of virDomainModificationImpact values (live
 *                 state, persistent configuration, or the current one), plus
 *                 VIR_TYPED_PARAM_STRING_OKAY if string values can be
 *                 handled
 *
 * @return 0 on success, -1 on error. String values in @p params must be
 *         released, e.g. with virTypedParamsClear().
 */
VIREO_API int virDomainGetBlkioParameters(
        virDomainPtr domain,
        virTypedParameterPtr params,
        int *nparams,
        unsigned int flags);

/**
 * Report the capacity, allocation and physical size of a disk.
 *
 * @param domain  domain handle
 * @param disk    disk target name (e.g. "vda") or source path
 * @param info    structure to fill in
 * @param flags   must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainGetBlockInfo(virDomainPtr domain,
                                    const char *disk,
                                    virDomainBlockInfoPtr info,
                                    unsigned int flags);

/**
 * Read the I/O throttling settings of one disk of a domain (the
 * VIR_DOMAIN_BLOCK_IOTUNE_* names). Call with *nparams set to 0 to learn how
 * many parameters exist, then again with an array that large.
 *
 * @param dom      domain handle
 * @param disk     disk target name or source path
 * @param params   caller allocated array, or NULL when *nparams is 0
 * @param nparams  in: size of @p params; out: number of entries filled, or
 *                 the number available when called with 0
 * @param flags    bitwise OR of virDomainModificationImpact values (live
 *                 state, persistent configuration, or the current one), plus
 *                 VIR_TYPED_PARAM_STRING_OKAY if string values can be
 *                 handled
 *
 * @return 0 on success, -1 on error. String values in @p params must be
 *         released, e.g. with virTypedParamsClear().
 */
VIREO_API int virDomainGetBlockIoTune(virDomainPtr dom,
                                      const char *disk,
                                      virTypedParameterPtr params,
                                      int *nparams,
                                      unsigned int flags);

/**
 * Report the progress of the block job running on a disk.
 *
 * @param dom    domain handle
 * @param disk   disk target name or source path
 * @param info   structure to fill in
 * @param flags  bitwise OR of virDomainBlockJobInfoFlags
 *
 * @return 1 if a job was found and described, 0 if there is no job, -1 on
 *         error.
 */
VIREO_API int virDomainGetBlockJobInfo(virDomainPtr dom,
                                       const char *disk,
                                       virDomainBlockJobInfoPtr info,
                                       unsigned int flags);

/**
 * Read CPU usage statistics of a domain (the VIR_DOMAIN_CPU_STATS_* names),
 * either totals (start_cpu -1, ncpus 1) or per host CPU. With @p params
 * NULL: ncpus 0 returns the number of host CPUs, otherwise the number of
 * parameters per CPU. Per-CPU results are laid out in strides of @p nparams
 * entries.
 *
 * @param domain     domain handle
 * @param params     array of nparams * ncpus entries, or NULL to query sizes
 * @param nparams    entries per CPU in @p params
 * @param start_cpu  first host CPU, or -1 for totals
 * @param ncpus      number of host CPUs to report (1 for totals)
 * @param flags      VIR_TYPED_PARAM_STRING_OKAY or 0
 *
 * @return the number of parameters filled per CPU (or the size asked for),
 *         or -1 on error.
 */
VIREO_API int virDomainGetCPUStats(virDomainPtr domain,
                                   virTypedParameterPtr params,
                                   unsigned int nparams,
                                   int start_cpu,
                                   unsigned int ncpus,
                                   unsigned int flags);

/**
 * Get the connection the domain handle was obtained from. No reference is
 * added: do not close or free the result, and stop using it once the domain
 * handle is released (take a reference with virConnectRef() to keep it
 * longer).
 *
 * @param dom  domain handle
 *
 * @return the connection, or NULL on error.
 */
VIREO_API virConnectPtr virDomainGetConnect(virDomainPtr dom);

/**
 * Report the state of the management channel to the domain (e.g. whether a
 * monitor command is in progress).
 *
 * @param domain  domain handle
 * @param info    structure to fill in
 * @param flags   must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainGetControlInfo(virDomainPtr domain,
                                      virDomainControlInfoPtr info,
                                      unsigned int flags);

/**
 * Report disks that hit I/O errors. With @p errors NULL and @p maxerrors 0,
 * only the number of such disks is returned.
 *
 * @param dom        domain handle
 * @param errors     array to fill in; free the disk member of each entry
 *                   with free()
 * @param maxerrors  size of @p errors
 * @param flags      must be 0
 *
 * @return the number of entries filled (or the count), or -1 on error.
 */
VIREO_API int virDomainGetDiskErrors(virDomainPtr dom,
                                     virDomainDiskErrorPtr errors,
                                     unsigned int maxerrors,
                                     unsigned int flags);

/**
 * Get the host CPU affinity of the hypervisor's own (non-vCPU) threads of
 * the domain.
 *
 * @param domain  domain handle
 * @param cpumap  bitmap to fill
 * @param maplen  length of @p cpumap in bytes
 * @param flags   bitwise OR of virDomainModificationImpact values (live
 *                state, persistent configuration, or the current one)
 *
 * @return 1 on success, 0 if no affinity is set, -1 on error.
 */
VIREO_API int virDomainGetEmulatorPinInfo(
        virDomainPtr domain,
        unsigned char *cpumap,
        int maplen,
        unsigned int flags);

/**
 * List the mounted filesystems of the guest (through the guest agent) and
 * the disks backing them.
 *
 * @param dom    domain handle
 * @param info   receives a newly allocated array of records
 * @param flags  must be 0
 *
 * @return the number of filesystems, or -1 on error. Release each record
 *         with virDomainFSInfoFree() and the array with free().
 */
VIREO_API int virDomainGetFSInfo(virDomainPtr dom,
                                 virDomainFSInfoPtr **info,
                                 unsigned int flags);

/**
 * Collect information about the guest OS through the guest agent: users, OS,
 * time zone, host name, filesystems, disks, interfaces, as selected by @p
 * types.
 *
 * @param domain   domain handle
 * @param types    bitwise OR of virDomainGuestInfoTypes, or 0 for everything
 *                 available
 * @param params   receives a newly allocated array, to release with
 *                 virTypedParamsFree()
 * @param nparams  receives the number of entries
 * @param flags    must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainGetGuestInfo(virDomainPtr domain,
                                    unsigned int types,
                                    virTypedParameterPtr *params,
                                    int *nparams,
                                    unsigned int flags);

/**
 * Ask the guest agent which virtual CPUs the guest OS has online. The result
 * holds the "vcpus", "online" and "offlinable" CPU lists as strings.
 *
 * @param domain   domain handle
 * @param params   receives a newly allocated array, to release with
 *                 virTypedParamsFree()
 * @param nparams  receives the number of entries
 * @param flags    must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainGetGuestVcpus(virDomainPtr domain,
                                     virTypedParameterPtr *params,
                                     unsigned int *nparams,
                                     unsigned int flags);

/**
 * Get the host name the guest uses, as reported by the guest agent or DHCP
 * leases.
 *
 * @param domain  domain handle
 * @param flags   bitwise OR of virDomainGetHostnameFlags selecting the
 *                source, or 0
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virDomainGetHostname(virDomainPtr domain, unsigned int flags);

/**
 * Get the numeric ID of a running domain.
 *
 * @param domain  domain handle
 *
 * @return the ID, or (unsigned int)-1 if the domain is not running or on
 *         error.
 */
VIREO_API unsigned int virDomainGetID(virDomainPtr domain);

/**
 * Describe the I/O threads of a domain and their host CPU affinity.
 *
 * @param dom    domain handle
 * @param info   receives a newly allocated array of records
 * @param flags  bitwise OR of virDomainModificationImpact values (live
 *               state, persistent configuration, or the current one)
 *
 * @return the number of I/O threads, or -1 on error. Release each record
 *         with virDomainIOThreadInfoFree() and the array with free().
 */
VIREO_API int virDomainGetIOThreadInfo(virDomainPtr dom,
                                       virDomainIOThreadInfoPtr **info,
                                       unsigned int flags);

/**
 * Fill in the state, memory sizes, vCPU count and CPU time of a domain.
 *
 * @param domain  domain handle
 * @param info    structure to fill in
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);

/**
 * Read the bandwidth settings of a network interface of a domain (the
 * VIR_DOMAIN_BANDWIDTH_* names). Call with *nparams set to 0 to learn how
 * many parameters exist, then again with an array that large.
 *
 * @param domain   domain handle
 * @param device   interface target device name or MAC address
 * @param params   caller allocated array, or NULL when *nparams is 0
 * @param nparams  in: size of @p params; out: number of entries filled, or
 *                 the number available when called with 0
 * @param flags    bitwise OR of virDomainModificationImpact values (live
 *                 state, persistent configuration, or the current one), plus
 *                 VIR_TYPED_PARAM_STRING_OKAY if string values can be
 *                 handled
 *
 * @return 0 on success, -1 on error. String values in @p params must be
 *         released, e.g. with virTypedParamsClear().
 */
VIREO_API int virDomainGetInterfaceParameters(
        virDomainPtr domain,
        const char *device,
        virTypedParameterPtr params,
        int *nparams,
        unsigned int flags);

/**
 * Report the progress of the background job (migration, save, dump, ...)
 * running on the domain.
 *
 * @param domain  domain handle
 * @param info    structure to fill in
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainGetJobInfo(virDomainPtr domain,
                                  virDomainJobInfoPtr info);

/**
 * Report detailed statistics of the running (or, with
 * VIR_DOMAIN_JOB_STATS_COMPLETED, the last completed) background job (the
 * VIR_DOMAIN_JOB_* names).
 *
 * @param domain   domain handle
 * @param type     receives a virDomainJobType value
 * @param params   receives a newly allocated array, to release with
 *                 virTypedParamsFree()
 * @param nparams  receives the number of entries
 * @param flags    bitwise OR of virDomainGetJobStatsFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainGetJobStats(virDomainPtr domain,
                                   int *type,
                                   virTypedParameterPtr *params,
                                   int *nparams,
                                   unsigned int flags);

/**
 * Read launch security data of a confidential guest, such as the AMD SEV
 * measurement (the VIR_DOMAIN_LAUNCH_SECURITY_* names).
 *
 * @param domain   domain handle
 * @param params   receives a newly allocated array, to release with
 *                 virTypedParamsFree()
 * @param nparams  receives the number of entries
 * @param flags    must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainGetLaunchSecurityInfo(
        virDomainPtr domain,
        virTypedParameterPtr *params,
        int *nparams,
        unsigned int flags);

/**
 * Get the maximum memory the domain may use, in KiB.
 *
 * @param domain  domain handle
 *
 * @return the maximum in KiB, or 0 on error.
 */
VIREO_API unsigned long virDomainGetMaxMemory(virDomainPtr domain);

/**
 * Get the largest number of virtual CPUs the running domain can be given.
 *
 * @param domain  domain handle
 *
 * @return the maximum, or -1 on error.
 */
VIREO_API int virDomainGetMaxVcpus(virDomainPtr domain);

/**
 * Read the memory tunables of a domain (the VIR_DOMAIN_MEMORY_* names). Call
 * with *nparams set to 0 to learn how many parameters exist, then again with
 * an array that large.
 *
 * @param domain   domain handle
 * @param params   caller allocated array, or NULL when *nparams is 0
 * @param nparams  in: size of @p params; out: number of entries filled, or
 *                 the number available when called with 0
 * @param flags    bitwise OR of virDomainModificationImpact values (live
 *                 state, persistent configuration, or the current one), plus
 *                 VIR_TYPED_PARAM_STRING_OKAY if string values can be
 *                 handled
 *
 * @return 0 on success, -1 on error. String values in @p params must be
 *         released, e.g. with virTypedParamsClear().
 */
VIREO_API int virDomainGetMemoryParameters(
        virDomainPtr domain,
        virTypedParameterPtr params,
        int *nparams,
        unsigned int flags);

/**
 * Fetch informative messages about the domain, such as reasons it is tainted
 * or use of deprecated configuration.
 *
 * @param domain  domain handle
 * @param msgs    receives a newly allocated array of strings; free each and
 *                then the array with free()
 * @param flags   bitwise OR of virDomainMessageType values, or 0 for all
 *
 * @return the number of messages, or -1 on error.
 */
VIREO_API int virDomainGetMessages(virDomainPtr domain,
                                   char ***msgs,
                                   unsigned int flags);

/**
 * Read the title, the description, or an application specific XML element
 * stored in the domain's metadata.
 *
 * @param domain  domain handle
 * @param type    a virDomainMetadataType value
 * @param uri     namespace URI of the element (VIR_DOMAIN_METADATA_ELEMENT
 *                only), NULL otherwise
 * @param flags   bitwise OR of virDomainModificationImpact values (live
 *                state, persistent configuration, or the current one)
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virDomainGetMetadata(virDomainPtr domain,
                                     int type,
                                     const char *uri,
                                     unsigned int flags);

/**
 * Get the name of the domain.
 *
 * @param domain  domain handle
 *
 * @return a string owned by the handle (do not free it), valid for the
 *         handle's lifetime, or NULL on error.
 */
VIREO_API const char *virDomainGetName(virDomainPtr domain);

/**
 * Read the NUMA tunables of a domain (the VIR_DOMAIN_NUMA_* names). Call
 * with *nparams set to 0 to learn how many parameters exist, then again with
 * an array that large.
 *
 * @param domain   domain handle
 * @param params   caller allocated array, or NULL when *nparams is 0
 * @param nparams  in: size of @p params; out: number of entries filled, or
 *                 the number available when called with 0
 * @param flags    bitwise OR of virDomainModificationImpact values (live
 *                 state, persistent configuration, or the current one), plus
 *                 VIR_TYPED_PARAM_STRING_OKAY if string values can be
 *                 handled
 *
 * @return 0 on success, -1 on error. String values in @p params must be
 *         released, e.g. with virTypedParamsClear().
 */
VIREO_API int virDomainGetNumaParameters(
        virDomainPtr domain,
        virTypedParameterPtr params,
        int *nparams,
        unsigned int flags);

/**
 * Get the operating system type of the domain (the <os><type> value, e.g.
 * "hvm").
 *
 * @param domain  domain handle
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virDomainGetOSType(virDomainPtr domain);

/**
 * Report which perf event counters are enabled for the domain (the
 * VIR_PERF_PARAM_* names, as booleans).
 *
 * @param domain   domain handle
 * @param params   receives a newly allocated array, to release with
 *                 virTypedParamsFree()
 * @param nparams  receives the number of entries
 * @param flags    bitwise OR of virDomainModificationImpact values (live
 *                 state, persistent configuration, or the current one)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainGetPerfEvents(virDomainPtr domain,
                                     virTypedParameterPtr *params,
                                     int *nparams,
                                     unsigned int flags);

/**
 * Read the CPU scheduler tunables of a domain (the VIR_DOMAIN_SCHEDULER_*
 * names); use virDomainGetSchedulerType() for the number of entries.
 *
 * @param domain   domain handle
 * @param params   caller allocated array
 * @param nparams  in: size of @p params; out: entries filled
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainGetSchedulerParameters(
        virDomainPtr domain,
        virTypedParameterPtr params,
        int *nparams);

/**
 * Read the CPU scheduler tunables of a domain (the VIR_DOMAIN_SCHEDULER_*
 * names). Call with *nparams set to 0 to learn how many parameters exist,
 * then again with an array that large.
 *
 * @param domain   domain handle
 * @param params   caller allocated array, or NULL when *nparams is 0
 * @param nparams  in: size of @p params; out: number of entries filled, or
 *                 the number available when called with 0
 * @param flags    bitwise OR of virDomainModificationImpact values (live
 *                 state, persistent configuration, or the current one), plus
 *                 VIR_TYPED_PARAM_STRING_OKAY if string values can be
 *                 handled
 *
 * @return 0 on success, -1 on error. String values in @p params must be
 *         released, e.g. with virTypedParamsClear().
 */
VIREO_API int virDomainGetSchedulerParametersFlags(
        virDomainPtr domain,
        virTypedParameterPtr params,
        int *nparams,
        unsigned int flags);

/**
 * Get the name of the CPU scheduler used for the domain and how many
 * tunables it has.
 *
 * @param domain   domain handle
 * @param nparams  optional, receives the number of scheduler parameters
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virDomainGetSchedulerType(virDomainPtr domain, int *nparams);

/**
 * Get the security label the domain runs with (the first one if there are
 * several).
 *
 * @param domain    domain handle
 * @param seclabel  structure to fill in
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainGetSecurityLabel(virDomainPtr domain,
                                        virSecurityLabelPtr seclabel);

/**
 * Get all the security labels the domain runs with.
 *
 * @param domain     domain handle
 * @param seclabels  receives a newly allocated array, to release with free()
 *
 * @return the number of labels, or -1 on error.
 */
VIREO_API int virDomainGetSecurityLabelList(
        virDomainPtr domain,
        virSecurityLabelPtr *seclabels);

/**
 * Get the state of a domain and the reason it is in that state.
 *
 * @param domain  domain handle
 * @param state   receives a virDomainState value
 * @param reason  optional, receives the reason (the vir*Reason enum matching
 *                the state)
 * @param flags   must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainGetState(virDomainPtr domain,
                                int *state,
                                int *reason,
                                unsigned int flags);

/**
 * Read the guest's clock through the guest agent.
 *
 * @param dom       domain handle
 * @param seconds   receives seconds since the epoch
 * @param nseconds  receives the nanoseconds part
 * @param flags     must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainGetTime(virDomainPtr dom,
                               long long *seconds,
                               unsigned int *nseconds,
                               unsigned int flags);

/**
 * Copy the raw UUID of the domain into @p uuid.
 *
 * @param domain  domain handle
 * @param uuid    buffer of at least VIR_UUID_BUFLEN bytes
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainGetUUID(virDomainPtr domain, unsigned char *uuid);

/**
 * Format the UUID of the domain as text into @p buf.
 *
 * @param domain  domain handle
 * @param buf     buffer of at least VIR_UUID_STRING_BUFLEN bytes
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainGetUUIDString(virDomainPtr domain, char *buf);

/**
 * Get the host CPU affinity of every virtual CPU, from the live state or the
 * configuration.
 *
 * @param domain    domain handle
 * @param ncpumaps  number of bitmaps @p cpumaps can hold
 * @param cpumaps   array of ncpumaps * maplen bytes to fill
 * @param maplen    bytes per bitmap
 * @param flags     bitwise OR of virDomainModificationImpact values (live
 *                  state, persistent configuration, or the current one)
 *
 * @return the number of virtual CPUs reported, or -1 on error.
 */
VIREO_API int virDomainGetVcpuPinInfo(virDomainPtr domain,
                                      int ncpumaps,
                                      unsigned char *cpumaps,
                                      int maplen,
                                      unsigned int flags);

/**
 * Get information about each virtual CPU of a running domain and,
 * optionally, its host CPU affinity.
 *
 * @param domain   domain handle
 * @param info     array of @p maxinfo entries to fill in
 * @param maxinfo  size of @p info
 * @param cpumaps  optional array of maxinfo * maplen bytes receiving one
 *                 affinity bitmap per vCPU, or NULL
 * @param maplen   bytes per bitmap in @p cpumaps (see VIR_CPU_MAPLEN)
 *
 * @return the number of entries filled, or -1 on error.
 */
VIREO_API int virDomainGetVcpus(virDomainPtr domain,
                                virVcpuInfoPtr info,
                                int maxinfo,
                                unsigned char *cpumaps,
                                int maplen);

/**
 * Count the virtual CPUs of a domain: current or maximum, in its live state,
 * configuration or, through the guest agent, as seen by the guest.
 *
 * @param domain  domain handle
 * @param flags   bitwise OR of virDomainVcpuFlags
 *
 * @return the number of vCPUs, or -1 on error.
 */
VIREO_API int virDomainGetVcpusFlags(virDomainPtr domain, unsigned int flags);

/**
 * Produce the XML document describing the domain.
 *
 * @param domain  domain handle
 * @param flags   bitwise OR of virDomainXMLFlags values, or 0
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virDomainGetXMLDesc(virDomainPtr domain, unsigned int flags);

/**
 * Tell whether the domain has a managed save image.
 *
 * @param dom    domain handle
 * @param flags  must be 0
 *
 * @return 1 if it has one, 0 if not, -1 on error.
 */
VIREO_API int virDomainHasManagedSaveImage(
        virDomainPtr dom,
        unsigned int flags);

/**
 * Release a record returned by virDomainGetIOThreadInfo(). NULL is accepted.
 *
 * @param info  record to free
 */
VIREO_API void virDomainIOThreadInfoFree(virDomainIOThreadInfoPtr info);

/**
 * Send a non-maskable interrupt to the guest.
 *
 * @param domain  domain handle
 * @param flags   must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainInjectNMI(virDomainPtr domain, unsigned int flags);

/**
 * List the guest's network interfaces together with their IP addresses,
 * taken from DHCP leases, the guest agent or the host ARP table.
 *
 * @param dom     domain handle
 * @param ifaces  receives a newly allocated array of records
 * @param source  a virDomainInterfaceAddressesSource value
 * @param flags   must be 0
 *
 * @return the number of interfaces, or -1 on error. Release each record with
 *         virDomainInterfaceFree() and the array with free().
 */
VIREO_API int virDomainInterfaceAddresses(
        virDomainPtr dom,
        virDomainInterfacePtr **ifaces,
        unsigned int source,
        unsigned int flags);

/**
 * Release a record returned by virDomainInterfaceAddresses(). NULL is
 * accepted.
 *
 * @param iface  record to free
 */
VIREO_API void virDomainInterfaceFree(virDomainInterfacePtr iface);

/**
 * Read traffic statistics of a guest network interface. Counters that are
 * not available are set to -1.
 *
 * @param dom     domain handle
 * @param device  interface target device name or MAC address
 * @param stats   structure to fill in
 * @param size    sizeof(virDomainInterfaceStatsStruct)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainInterfaceStats(virDomainPtr dom,
                                      const char *device,
                                      virDomainInterfaceStatsPtr stats,
                                      size_t size);

/**
 * Tell whether the domain is currently active.
 *
 * @param dom  domain handle
 *
 * @return 1 if active, 0 if inactive, -1 on error.
 */
VIREO_API int virDomainIsActive(virDomainPtr dom);

/**
 * Tell whether the domain has a persistent configuration (as opposed to
 * being transient, vanishing once stopped).
 *
 * @param dom  domain handle
 *
 * @return 1 if persistent, 0 if transient, -1 on error.
 */
VIREO_API int virDomainIsPersistent(virDomainPtr dom);

/**
 * Tell whether the persistent configuration of a running domain was changed
 * since it started.
 *
 * @param dom  domain handle
 *
 * @return 1 if it was, 0 if not, -1 on error.
 */
VIREO_API int virDomainIsUpdated(virDomainPtr dom);

/**
 * Collect statistics about the given domains, which must all belong to the
 * same connection.
 *
 * @param doms      NULL terminated array of domain handles
 * @param stats     bitwise OR of virDomainStatsTypes, or 0 for all supported
 *                  groups
 * @param retStats  receives a newly allocated, NULL terminated array of
 *                  records
 * @param flags     bitwise OR of virConnectGetAllDomainStatsFlags
 *
 * @return the number of records (possibly fewer than domains given), or -1
 *         on error. Release the array with virDomainStatsRecordListFree().
 */
VIREO_API int virDomainListGetStats(virDomainPtr *doms,
                                    unsigned int stats,
                                    virDomainStatsRecordPtr **retStats,
                                    unsigned int flags);

/**
 * Find a running domain by its numeric ID.
 *
 * @param conn  connection handle
 * @param id    domain ID
 *
 * @return a new domain handle; release it with virDomainFree(). NULL if no
 *         running domain has that ID or on error.
 */
VIREO_API virDomainPtr virDomainLookupByID(virConnectPtr conn, int id);

/**
 * Find a domain by its name.
 *
 * @param conn  connection handle
 * @param name  name of the domain
 *
 * @return a new domain handle; release it with virDomainFree(). NULL if it
 *         does not exist or on error.
 */
VIREO_API virDomainPtr virDomainLookupByName(
        virConnectPtr conn,
        const char *name);

/**
 * Find a domain by its raw UUID.
 *
 * @param conn  connection handle
 * @param uuid  raw UUID, VIR_UUID_BUFLEN bytes
 *
 * @return a new domain handle; release it with virDomainFree(). NULL if it
 *         does not exist or on error.
 */
VIREO_API virDomainPtr virDomainLookupByUUID(
        virConnectPtr conn,
        const unsigned char *uuid);

/**
 * Find a domain by the textual form of its UUID.
 *
 * @param conn     connection handle
 * @param uuidstr  UUID as a string
 *
 * @return a new domain handle; release it with virDomainFree(). NULL if it
 *         does not exist or on error.
 */
VIREO_API virDomainPtr virDomainLookupByUUIDString(
        virConnectPtr conn,
        const char *uuidstr);

/**
 * Save the memory state of a running domain into an image managed by the
 * library and stop it. The next virDomainCreate() resumes from that image.
 *
 * @param dom    domain handle
 * @param flags  bitwise OR of virDomainSaveRestoreFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainManagedSave(virDomainPtr dom, unsigned int flags);

/**
 * Replace the domain XML stored in the managed save image (only host
 * specific parts may differ) and/or change whether it restores running or
 * paused.
 *
 * @param domain  domain handle
 * @param dxml    new domain XML, or NULL to keep it
 * @param flags   bitwise OR of virDomainSaveRestoreFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainManagedSaveDefineXML(
        virDomainPtr domain,
        const char *dxml,
        unsigned int flags);

/**
 * Extract the domain XML stored in the managed save image.
 *
 * @param domain  domain handle
 * @param flags   bitwise OR of virDomainSaveImageXMLFlags
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virDomainManagedSaveGetXMLDesc(
        virDomainPtr domain,
        unsigned int flags);

/**
 * Delete the managed save image of a domain, so that it boots afresh next
 * time.
 *
 * @param dom    domain handle
 * @param flags  must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainManagedSaveRemove(virDomainPtr dom, unsigned int flags);

/**
 * Copy a range of guest memory into @p buffer.
 *
 * @param dom     domain handle
 * @param start   address of the first byte
 * @param size    number of bytes to read
 * @param buffer  buffer of at least @p size bytes
 * @param flags   exactly one of virDomainMemoryFlags (virtual or physical
 *                address)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainMemoryPeek(virDomainPtr dom,
                                  unsigned long long start,
                                  size_t size,
                                  void *buffer,
                                  unsigned int flags);

/**
 * Read memory statistics of a running domain (balloon size, swap activity,
 * free and usable memory, ...).
 *
 * @param dom       domain handle
 * @param stats     array to fill in
 * @param nr_stats  size of @p stats; VIR_DOMAIN_MEMORY_STAT_NR is enough for
 *                  all
 * @param flags     must be 0
 *
 * @return the number of entries filled, or -1 on error.
 */
VIREO_API int virDomainMemoryStats(virDomainPtr dom,
                                   virDomainMemoryStatPtr stats,
                                   unsigned int nr_stats,
                                   unsigned int flags);

/**
 * Migrate a running domain to the host behind @p dconn.
 *
 * @param domain     domain handle
 * @param dconn      connection to the destination host
 * @param flags      bitwise OR of virDomainMigrateFlags
 * @param dname      new name on the destination, or NULL
 * @param uri        destination address for the migration data, or NULL
 * @param bandwidth  speed limit in MiB/s, 0 for the default
 *
 * @return a handle for the domain on the destination connection, to release
 *         with virDomainFree(), or NULL on error.
 */
VIREO_API virDomainPtr virDomainMigrate(virDomainPtr domain,
                                        virConnectPtr dconn,
                                        unsigned long flags,
                                        const char *dname,
                                        const char *uri,
                                        unsigned long bandwidth);

/**
 * Migrate a running domain to the host behind @p dconn, optionally changing
 * host specific parts of its XML.
 *
 * @param domain     domain handle
 * @param dconn      connection to the destination host
 * @param dxml       replacement domain XML, or NULL
 * @param flags      bitwise OR of virDomainMigrateFlags
 * @param dname      new name on the destination, or NULL
 * @param uri        destination address for the migration data, or NULL
 * @param bandwidth  speed limit in MiB/s, 0 for the default
 *
 * @return a handle for the domain on the destination connection, to release
 *         with virDomainFree(), or NULL on error.
 */
VIREO_API virDomainPtr virDomainMigrate2(
        virDomainPtr domain,
        virConnectPtr dconn,
        const char *dxml,
        unsigned long flags,
        const char *dname,
        const char *uri,
        unsigned long bandwidth);

/**
 * Migrate a running domain to the host behind @p dconn, with options given
 * as typed parameters (the VIR_MIGRATE_PARAM_* names).
 *
 * @param domain   domain handle
 * @param dconn    connection to the destination host
 * @param params   migration parameters
 * @param nparams  number of entries in @p params
 * @param flags    bitwise OR of virDomainMigrateFlags
 *
 * @return a handle for the domain on the destination connection, to release
 *         with virDomainFree(), or NULL on error.
 */
VIREO_API virDomainPtr virDomainMigrate3(
        virDomainPtr domain,
        virConnectPtr dconn,
        virTypedParameterPtr params,
        unsigned int nparams,
        unsigned int flags);

/**
 * Read the size of the migration compression cache.
 *
 * @param domain     domain handle
 * @param cacheSize  receives the size in bytes
 * @param flags      must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainMigrateGetCompressionCache(
        virDomainPtr domain,
        unsigned long long *cacheSize,
        unsigned int flags);

/**
 * Read the longest pause tolerated at the end of a live migration.
 *
 * @param domain    domain handle
 * @param downtime  receives the downtime in milliseconds
 * @param flags     must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainMigrateGetMaxDowntime(
        virDomainPtr domain,
        unsigned long long *downtime,
        unsigned int flags);

/**
 * Read the bandwidth limit of migrations of the domain.
 *
 * @param domain     domain handle
 * @param bandwidth  receives the limit in MiB/s
 * @param flags      bitwise OR of virDomainMigrateMaxSpeedFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainMigrateGetMaxSpeed(
        virDomainPtr domain,
        unsigned long *bandwidth,
        unsigned int flags);

/**
 * Set the size of the cache used to compress pages during migration
 * (XBZRLE).
 *
 * @param domain     domain handle
 * @param cacheSize  cache size in bytes
 * @param flags      must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainMigrateSetCompressionCache(
        virDomainPtr domain,
        unsigned long long cacheSize,
        unsigned int flags);

/**
 * Set the longest pause tolerated at the end of a live migration in
 * progress.
 *
 * @param domain    domain handle
 * @param downtime  maximum downtime in milliseconds
 * @param flags     must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainMigrateSetMaxDowntime(
        virDomainPtr domain,
        unsigned long long downtime,
        unsigned int flags);

/**
 * Set the bandwidth limit of migrations of the domain.
 *
 * @param domain     domain handle
 * @param bandwidth  limit in MiB/s
 * @param flags      bitwise OR of virDomainMigrateMaxSpeedFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainMigrateSetMaxSpeed(
        virDomainPtr domain,
        unsigned long bandwidth,
        unsigned int flags);

/**
 * Switch a migration started with VIR_MIGRATE_POSTCOPY to post-copy mode:
 * the guest starts running on the destination and fetches the remaining
 * memory on demand.
 *
 * @param domain  domain handle
 * @param flags   must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainMigrateStartPostCopy(
        virDomainPtr domain,
        unsigned int flags);

/**
 * Migrate a running domain without a client connection to the destination:
 * with VIR_MIGRATE_PEER2PEER @p duri is the destination connection URI,
 * otherwise it is the hypervisor specific migration URI.
 *
 * @param domain     domain handle
 * @param duri       destination URI
 * @param flags      bitwise OR of virDomainMigrateFlags
 * @param dname      new name on the destination, or NULL
 * @param bandwidth  speed limit in MiB/s, 0 for the default
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainMigrateToURI(virDomainPtr domain,
                                    const char *duri,
                                    unsigned long flags,
                                    const char *dname,
                                    unsigned long bandwidth);

/**
 * Migrate a running domain without a client connection to the destination,
 * giving the destination connection URI and the migration data URI
 * separately.
 *
 * @param domain     domain handle
 * @param dconnuri   destination connection URI (peer to peer migration), or
 *                   NULL
 * @param miguri     migration data URI, or NULL
 * @param dxml       replacement domain XML, or NULL
 * @param flags      bitwise OR of virDomainMigrateFlags
 * @param dname      new name on the destination, or NULL
 * @param bandwidth  speed limit in MiB/s, 0 for the default
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainMigrateToURI2(virDomainPtr domain,
                                     const char *dconnuri,
                                     const char *miguri,
                                     const char *dxml,
                                     unsigned long flags,
                                     const char *dname,
                                     unsigned long bandwidth);

/**
 * Migrate a running domain without a client connection to the destination,
 * with options given as typed parameters (the VIR_MIGRATE_PARAM_* names).
 *
 * @param domain    domain handle
 * @param dconnuri  destination connection URI (peer to peer migration), or
 *                  NULL
 * @param params    migration parameters
 * @param nparams   number of entries in @p params
 * @param flags     bitwise OR of virDomainMigrateFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainMigrateToURI3(virDomainPtr domain,
                                     const char *dconnuri,
                                     virTypedParameterPtr params,
                                     unsigned int nparams,
                                     unsigned int flags);

/**
 * Connect a stream to a data channel device of the guest.
 *
 * @param dom    domain handle
 * @param name   channel name or alias, or NULL for the first channel
 * @param st     stream created with virStreamNew()
 * @param flags  bitwise OR of virDomainChannelFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainOpenChannel(virDomainPtr dom,
                                   const char *name,
                                   virStreamPtr st,
                                   unsigned int flags);

/**
 * Connect a stream to a console or serial port of the guest, for interactive
 * use.
 *
 * @param dom       domain handle
 * @param dev_name  alias of the console device, or NULL for the first one
 * @param st        stream created with virStreamNew()
 * @param flags     bitwise OR of virDomainConsoleFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainOpenConsole(virDomainPtr dom,
                                   const char *dev_name,
                                   virStreamPtr st,
                                   unsigned int flags);

/**
 * Hand a connected client socket to a graphics server (VNC, SPICE) of the
 * domain.
 *
 * @param dom    domain handle
 * @param idx    index of the graphics device
 * @param fd     connected socket, which the caller may close afterwards
 * @param flags  bitwise OR of virDomainOpenGraphicsFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainOpenGraphics(virDomainPtr dom,
                                    unsigned int idx,
                                    int fd,
                                    unsigned int flags);

/**
 * Get a socket already connected to a graphics server (VNC, SPICE) of the
 * domain.
 *
 * @param dom    domain handle
 * @param idx    index of the graphics device
 * @param flags  bitwise OR of virDomainOpenGraphicsFlags
 *
 * @return a file descriptor the caller must close, or -1 on error.
 */
VIREO_API int virDomainOpenGraphicsFD(virDomainPtr dom,
                                      unsigned int idx,
                                      unsigned int flags);

/**
 * Ask the guest (through its agent) to enter a power management sleep state.
 *
 * @param dom       domain handle
 * @param target    a virNodeSuspendTarget value
 * @param duration  sleep duration in seconds; must currently be 0 (sleep
 *                  until woken)
 * @param flags     must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainPMSuspendForDuration(
        virDomainPtr dom,
        unsigned int target,
        unsigned long long duration,
        unsigned int flags);

/**
 * Wake up a guest that entered a power management sleep state.
 *
 * @param dom    domain handle
 * @param flags  must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainPMWakeup(virDomainPtr dom, unsigned int flags);

/**
 * Restrict the hypervisor's own (non-vCPU) threads of the domain to the host
 * CPUs set in @p cpumap.
 *
 * @param domain  domain handle
 * @param cpumap  host CPU bitmap
 * @param maplen  length of @p cpumap in bytes
 * @param flags   bitwise OR of virDomainModificationImpact values (live
 *                state, persistent configuration, or the current one)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainPinEmulator(virDomainPtr domain,
                                   unsigned char *cpumap,
                                   int maplen,
                                   unsigned int flags);

/**
 * Restrict an I/O thread of the domain to the host CPUs set in @p cpumap.
 *
 * @param domain       domain handle
 * @param iothread_id  I/O thread ID
 * @param cpumap       host CPU bitmap
 * @param maplen       length of @p cpumap in bytes
 * @param flags        bitwise OR of virDomainModificationImpact values (live
 *                     state, persistent configuration, or the current one)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainPinIOThread(virDomainPtr domain,
                                   unsigned int iothread_id,
                                   unsigned char *cpumap,
                                   int maplen,
                                   unsigned int flags);

/**
 * Restrict a virtual CPU of a running domain to the host CPUs set in @p
 * cpumap.
 *
 * @param domain  domain handle
 * @param vcpu    virtual CPU number
 * @param cpumap  host CPU bitmap (see VIR_USE_CPU)
 * @param maplen  length of @p cpumap in bytes
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainPinVcpu(virDomainPtr domain,
                               unsigned int vcpu,
                               unsigned char *cpumap,
                               int maplen);

/**
 * Restrict a virtual CPU to the host CPUs set in @p cpumap, in the live
 * state and/or the configuration.
 *
 * @param domain  domain handle
 * @param vcpu    virtual CPU number
 * @param cpumap  host CPU bitmap
 * @param maplen  length of @p cpumap in bytes
 * @param flags   bitwise OR of virDomainModificationImpact values (live
 *                state, persistent configuration, or the current one)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainPinVcpuFlags(virDomainPtr domain,
                                    unsigned int vcpu,
                                    unsigned char *cpumap,
                                    int maplen,
                                    unsigned int flags);

/**
 * Ask the guest operating system to reboot.
 *
 * @param domain  domain handle
 * @param flags   bitwise OR of virDomainRebootFlagValues, or 0 to let the
 *                driver choose
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainReboot(virDomainPtr domain, unsigned int flags);

/**
 * Add a reference to the domain handle, e.g. before sharing it with another
 * thread. Every call must be balanced by a call to virDomainFree().
 *
 * @param domain  domain handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainRef(virDomainPtr domain);

/**
 * Change the name of an inactive domain.
 *
 * @param dom       domain handle
 * @param new_name  new name
 * @param flags     must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainRename(virDomainPtr dom,
                              const char *new_name,
                              unsigned int flags);

/**
 * Reset the virtual machine immediately, like pressing its reset button; the
 * guest OS gets no chance to shut down cleanly.
 *
 * @param domain  domain handle
 * @param flags   must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainReset(virDomainPtr domain, unsigned int flags);

/**
 * Start a domain from a file written by virDomainSave().
 *
 * @param conn  connection handle
 * @param from  path of the saved image
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainRestore(virConnectPtr conn, const char *from);

/**
 * Like virDomainRestore(), optionally adjusting the domain XML.
 *
 * @param conn   connection handle
 * @param from   path of the saved image
 * @param dxml   replacement domain XML (only host specific parts may
 *               differ), or NULL
 * @param flags  bitwise OR of virDomainSaveRestoreFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainRestoreFlags(virConnectPtr conn,
                                    const char *from,
                                    const char *dxml,
                                    unsigned int flags);

/**
 * Start a domain from a saved image, with options given as typed parameters
 * (the VIR_DOMAIN_SAVE_PARAM_* names).
 *
 * @param conn     connection handle
 * @param params   restore options
 * @param nparams  number of entries in @p params
 * @param flags    bitwise OR of virDomainSaveRestoreFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainRestoreParams(virConnectPtr conn,
                                     virTypedParameterPtr params,
                                     int nparams,
                                     unsigned int flags);

/**
 * Let a paused domain run again.
 *
 * @param domain  domain handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainResume(virDomainPtr domain);

/**
 * Save the memory state of a running domain into a file and stop it.
 * virDomainRestore() brings it back.
 *
 * @param domain  domain handle
 * @param to      path of the file to create
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSave(virDomainPtr domain, const char *to);

/**
 * Like virDomainSave(), optionally adjusting the domain XML stored in the
 * image.
 *
 * @param domain  domain handle
 * @param to      path of the file to create
 * @param dxml    replacement domain XML (only host specific parts may
 *                differ), or NULL
 * @param flags   bitwise OR of virDomainSaveRestoreFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSaveFlags(virDomainPtr domain,
                                 const char *to,
                                 const char *dxml,
                                 unsigned int flags);

/**
 * Replace the domain XML stored in a saved image (only host specific parts
 * may differ) and/or change whether it restores running or paused.
 *
 * @param conn   connection handle
 * @param file   path of the saved image
 * @param dxml   new domain XML
 * @param flags  bitwise OR of virDomainSaveRestoreFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSaveImageDefineXML(
        virConnectPtr conn,
        const char *file,
        const char *dxml,
        unsigned int flags);

/**
 * Extract the domain XML stored in a saved image.
 *
 * @param conn   connection handle
 * @param file   path of the saved image
 * @param flags  bitwise OR of virDomainSaveImageXMLFlags
 *
 * @return a newly allocated string that the caller must release with free(),
 *         or NULL on error.
 */
VIREO_API char *virDomainSaveImageGetXMLDesc(
        virConnectPtr conn,
        const char *file,
        unsigned int flags);

/**
 * Save the memory state of a running domain and stop it, with options given
 * as typed parameters (the VIR_DOMAIN_SAVE_PARAM_* names).
 *
 * @param domain   domain handle
 * @param params   save options
 * @param nparams  number of entries in @p params
 * @param flags    bitwise OR of virDomainSaveRestoreFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSaveParams(virDomainPtr domain,
                                  virTypedParameterPtr params,
                                  int nparams,
                                  unsigned int flags);

/**
 * Capture the contents of one of the guest's screens. The image data is
 * delivered through @p stream.
 *
 * @param domain  domain handle
 * @param stream  stream created with virStreamNew()
 * @param screen  screen (display head) number, 0 for the first
 * @param flags   must be 0
 *
 * @return the MIME type of the image, to release with free(), or NULL on
 *         error.
 */
VIREO_API char *virDomainScreenshot(virDomainPtr domain,
                                    virStreamPtr stream,
                                    unsigned int screen,
                                    unsigned int flags);

/**
 * Send key presses to the guest, as if typed on its keyboard.
 *
 * @param domain     domain handle
 * @param codeset    a virKeycodeSet value
 * @param holdtime   milliseconds each key stays down, 0 for the default
 * @param keycodes   key codes to send
 * @param nkeycodes  number of keys, at most VIR_DOMAIN_SEND_KEY_MAX_KEYS
 * @param flags      must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSendKey(virDomainPtr domain,
                               unsigned int codeset,
                               unsigned int holdtime,
                               unsigned int *keycodes,
                               int nkeycodes,
                               unsigned int flags);

/**
 * Send a signal to a process inside the guest (supported by container
 * drivers).
 *
 * @param domain     domain handle
 * @param pid_value  process ID inside the guest
 * @param signum     a virDomainProcessSignal value
 * @param flags      must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSendProcessSignal(
        virDomainPtr domain,
        long long pid_value,
        unsigned int signum,
        unsigned int flags);

/**
 * Enable or disable automatic start of the domain when the host boots or the
 * management daemon starts. Only persistent objects can be set to autostart.
 *
 * @param domain     domain handle
 * @param autostart  1 to enable, 0 to disable
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetAutostart(virDomainPtr domain, int autostart);

/**
 * Change block I/O tunables of a domain (the VIR_DOMAIN_BLKIO_* names).
 * Parameters not listed are left alone.
 *
 * @param domain   domain handle
 * @param params   parameters to change
 * @param nparams  number of entries in @p params
 * @param flags    bitwise OR of virDomainModificationImpact values (live
 *                 state, persistent configuration, or the current one)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetBlkioParameters(
        virDomainPtr domain,
        virTypedParameterPtr params,
        int nparams,
        unsigned int flags);

/**
 * Change the I/O throttling settings of one disk of a domain (the
 * VIR_DOMAIN_BLOCK_IOTUNE_* names). Parameters not listed are left alone.
 *
 * @param dom      domain handle
 * @param disk     disk target name or source path
 * @param params   parameters to change
 * @param nparams  number of entries in @p params
 * @param flags    bitwise OR of virDomainModificationImpact values (live
 *                 state, persistent configuration, or the current one)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetBlockIoTune(virDomainPtr dom,
                                      const char *disk,
                                      virTypedParameterPtr params,
                                      int nparams,
                                      unsigned int flags);

/**
 * Ask for a VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD event once guest writes
 * reach a given offset in a disk image (useful for growing thin provisioned
 * storage). The threshold fires once.
 *
 * @param domain     domain handle
 * @param dev        disk target name, optionally with a backing chain index,
 *                   e.g. "vda[2]"
 * @param threshold  offset in bytes; 0 removes the threshold
 * @param flags      must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetBlockThreshold(
        virDomainPtr domain,
        const char *dev,
        unsigned long long threshold,
        unsigned int flags);

/**
 * Ask the guest agent to bring virtual CPUs online or offline inside the
 * guest OS.
 *
 * @param domain  domain handle
 * @param cpumap  list of vCPU numbers, e.g. "1,3-5"
 * @param state   1 to bring online, 0 to take offline
 * @param flags   must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetGuestVcpus(virDomainPtr domain,
                                     const char *cpumap,
                                     int state,
                                     unsigned int flags);

/**
 * Change the tunables of an I/O thread (the VIR_DOMAIN_IOTHREAD_* names).
 *
 * @param domain       domain handle
 * @param iothread_id  ID of the thread
 * @param params       parameters to change
 * @param nparams      number of entries in @p params
 * @param flags        bitwise OR of virDomainModificationImpact values (live
 *                     state, persistent configuration, or the current one)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetIOThreadParams(
        virDomainPtr domain,
        unsigned int iothread_id,
        virTypedParameterPtr params,
        int nparams,
        unsigned int flags);

/**
 * Change the bandwidth settings of a network interface of a domain (the
 * VIR_DOMAIN_BANDWIDTH_* names). Parameters not listed are left alone.
 *
 * @param domain   domain handle
 * @param device   interface target device name or MAC address
 * @param params   parameters to change
 * @param nparams  number of entries in @p params
 * @param flags    bitwise OR of virDomainModificationImpact values (live
 *                 state, persistent configuration, or the current one)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetInterfaceParameters(
        virDomainPtr domain,
        const char *device,
        virTypedParameterPtr params,
        int nparams,
        unsigned int flags);

/**
 * Inject a launch secret into a confidential guest (the
 * VIR_DOMAIN_LAUNCH_SECURITY_* names).
 *
 * @param domain   domain handle
 * @param params   secret and its header
 * @param nparams  number of entries in @p params
 * @param flags    must be 0
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetLaunchSecurityState(
        virDomainPtr domain,
        virTypedParameterPtr params,
        int nparams,
        unsigned int flags);

/**
 * Choose what happens when the guest powers off, reboots or crashes.
 *
 * @param domain  domain handle
 * @param type    a virDomainLifecycle value
 * @param action  a virDomainLifecycleAction value
 * @param flags   bitwise OR of virDomainModificationImpact values (live
 *                state, persistent configuration, or the current one)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetLifecycleAction(
        virDomainPtr domain,
        unsigned int type,
        unsigned int action,
        unsigned int flags);

/**
 * Change the maximum memory of a domain, in KiB. Drivers usually only allow
 * this on inactive domains.
 *
 * @param domain  domain handle
 * @param memory  new maximum in KiB
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetMaxMemory(virDomainPtr domain, unsigned long memory);

/**
 * Change the current memory allocation of a running domain (the balloon
 * target), in KiB.
 *
 * @param domain  domain handle
 * @param memory  new size in KiB, at most the maximum memory
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetMemory(virDomainPtr domain, unsigned long memory);

/**
 * Change the current or maximum memory of a domain, in KiB, in its live
 * state and/or its configuration.
 *
 * @param domain  domain handle
 * @param memory  new size in KiB
 * @param flags   bitwise OR of virDomainMemoryModFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetMemoryFlags(virDomainPtr domain,
                                      unsigned long memory,
                                      unsigned int flags);

/**
 * Change memory tunables of a domain (the VIR_DOMAIN_MEMORY_* names).
 * Parameters not listed are left alone.
 *
 * @param domain   domain handle
 * @param params   parameters to change
 * @param nparams  number of entries in @p params
 * @param flags    bitwise OR of virDomainModificationImpact values (live
 *                 state, persistent configuration, or the current one)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetMemoryParameters(
        virDomainPtr domain,
        virTypedParameterPtr params,
        int nparams,
        unsigned int flags);

/**
 * Change how often the balloon driver refreshes the guest memory statistics.
 *
 * @param domain  domain handle
 * @param period  period in seconds, 0 to stop collecting
 * @param flags   bitwise OR of virDomainMemoryModFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetMemoryStatsPeriod(
        virDomainPtr domain,
        int period,
        unsigned int flags);

/**
 * Set or remove the title, the description, or an application specific XML
 * element in the domain's metadata.
 *
 * @param domain    domain handle
 * @param type      a virDomainMetadataType value
 * @param metadata  new text or XML element, or NULL to remove it
 * @param key       namespace prefix to use for the element
 *                  (VIR_DOMAIN_METADATA_ELEMENT only)
 * @param uri       namespace URI of the element (VIR_DOMAIN_METADATA_ELEMENT
 *                  only)
 * @param flags     bitwise OR of virDomainModificationImpact values (live
 *                  state, persistent configuration, or the current one)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetMetadata(virDomainPtr domain,
                                   int type,
                                   const char *metadata,
                                   const char *key,
                                   const char *uri,
                                   unsigned int flags);

/**
 * Change NUMA tunables of a domain (the VIR_DOMAIN_NUMA_* names). Parameters
 * not listed are left alone.
 *
 * @param domain   domain handle
 * @param params   parameters to change
 * @param nparams  number of entries in @p params
 * @param flags    bitwise OR of virDomainModificationImpact values (live
 *                 state, persistent configuration, or the current one)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetNumaParameters(
        virDomainPtr domain,
        virTypedParameterPtr params,
        int nparams,
        unsigned int flags);

/**
 * Change the set of enabled perf event counters of a domain (the
 * VIR_PERF_PARAM_*, as booleans names). Parameters not listed are left
 * alone.
 *
 * @param domain   domain handle
 * @param params   parameters to change
 * @param nparams  number of entries in @p params
 * @param flags    bitwise OR of virDomainModificationImpact values (live
 *                 state, persistent configuration, or the current one)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetPerfEvents(virDomainPtr domain,
                                     virTypedParameterPtr params,
                                     int nparams,
                                     unsigned int flags);

/**
 * Change CPU scheduler tunables of a running domain (the
 * VIR_DOMAIN_SCHEDULER_* names).
 *
 * @param domain   domain handle
 * @param params   parameters to change
 * @param nparams  number of entries in @p params
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetSchedulerParameters(
        virDomainPtr domain,
        virTypedParameterPtr params,
        int nparams);

/**
 * Change CPU scheduler tunables of a domain (the VIR_DOMAIN_SCHEDULER_*
 * names). Parameters not listed are left alone.
 *
 * @param domain   domain handle
 * @param params   parameters to change
 * @param nparams  number of entries in @p params
 * @param flags    bitwise OR of virDomainModificationImpact values (live
 *                 state, persistent configuration, or the current one)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetSchedulerParametersFlags(
        virDomainPtr domain,
        virTypedParameterPtr params,
        int nparams,
        unsigned int flags);

/**
 * Set the guest's clock through the guest agent, either to the given time
 * or, with VIR_DOMAIN_TIME_SYNC, from its virtual RTC.
 *
 * @param dom       domain handle
 * @param seconds   seconds since the epoch
 * @param nseconds  nanoseconds part
 * @param flags     bitwise OR of virDomainSetTimeFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetTime(virDomainPtr dom,
                               long long seconds,
                               unsigned int nseconds,
                               unsigned int flags);

/**
 * Set the password of a guest user account through the guest agent.
 *
 * @param dom       domain handle
 * @param user      user name
 * @param password  new password (or a crypt() hash with
 *                  VIR_DOMAIN_PASSWORD_ENCRYPTED)
 * @param flags     bitwise OR of virDomainSetUserPasswordFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetUserPassword(virDomainPtr dom,
                                       const char *user,
                                       const char *password,
                                       unsigned int flags);

/**
 * Enable or disable individual virtual CPUs (vCPU hotplug of specific CPUs).
 *
 * @param domain   domain handle
 * @param vcpumap  list of vCPU numbers, e.g. "1,3-5" (a leading "^"
 *                 excludes)
 * @param state    1 to enable, 0 to disable
 * @param flags    bitwise OR of virDomainModificationImpact values (live
 *                 state, persistent configuration, or the current one)
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetVcpu(virDomainPtr domain,
                               const char *vcpumap,
                               int state,
                               unsigned int flags);

/**
 * Change the number of virtual CPUs of a running domain (vCPU hotplug).
 *
 * @param domain  domain handle
 * @param nvcpus  new vCPU count
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus);

/**
 * Change the current or maximum number of virtual CPUs of a domain, in its
 * live state and/or configuration, or inside the guest through the agent.
 *
 * @param domain  domain handle
 * @param nvcpus  new vCPU count
 * @param flags   bitwise OR of virDomainVcpuFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSetVcpusFlags(virDomainPtr domain,
                                     unsigned int nvcpus,
                                     unsigned int flags);

/**
 * Ask the guest operating system to shut down. The call returns once the
 * request is delivered; the guest may take time, or refuse.
 *
 * @param domain  domain handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainShutdown(virDomainPtr domain);

/**
 * Ask the guest to shut down, choosing how the request is delivered (ACPI,
 * guest agent, ...).
 *
 * @param domain  domain handle
 * @param flags   bitwise OR of virDomainShutdownFlagValues, or 0 to let the
 *                driver choose
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainShutdownFlags(virDomainPtr domain, unsigned int flags);

/**
 * Start measuring the rate at which the guest dirties memory. Results are
 * reported in the "dirtyrate" group of the domain statistics.
 *
 * @param domain   domain handle
 * @param seconds  length of the measurement
 * @param flags    bitwise OR of virDomainDirtyRateCalcFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainStartDirtyRateCalc(
        virDomainPtr domain,
        int seconds,
        unsigned int flags);

/**
 * Release an array returned by virConnectGetAllDomainStats() or
 * virDomainListGetStats(), including the records and their domain handles.
 * NULL is accepted.
 *
 * @param stats  array to free
 */
VIREO_API void virDomainStatsRecordListFree(virDomainStatsRecordPtr *stats);

/**
 * Pause all virtual CPUs of a running domain. Its memory stays allocated;
 * resume it with virDomainResume().
 *
 * @param domain  domain handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainSuspend(virDomainPtr domain);

/**
 * Remove the persistent configuration of the domain. An active domain keeps
 * running and becomes transient; the handle stays valid and must still be
 * released with virDomainFree().
 *
 * @param domain  domain handle
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainUndefine(virDomainPtr domain);

/**
 * Remove the persistent configuration of a domain, with flags saying what to
 * do with associated data (managed save image, snapshot and checkpoint
 * metadata, NVRAM, TPM state). An active domain keeps running as a transient
 * one.
 *
 * @param domain  domain handle
 * @param flags   bitwise OR of virDomainUndefineFlagsValues
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainUndefineFlags(virDomainPtr domain, unsigned int flags);

/**
 * Change properties of an existing device (for example change the medium of
 * a CD-ROM drive), in the live domain and/or its configuration.
 *
 * @param domain  domain handle
 * @param xml     device XML with the new properties
 * @param flags   bitwise OR of virDomainDeviceModifyFlags
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virDomainUpdateDeviceFlags(
        virDomainPtr domain,
        const char *xml,
        unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_DOMAIN_H */
