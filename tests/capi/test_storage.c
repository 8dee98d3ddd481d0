/*
 * test_storage.c: storage pools and volumes on test:///default, as libvirt
 * 9.0's test driver serves them: the default pool, define / create / build /
 * delete / refresh / destroy / undefine, lookups, listing with flags, XML,
 * autostart, volumes with the pool's size accounting, source discovery and
 * libvirt's errors.
 *
 * The same program passes against Debian's libvirt 9.0 (build it with
 * `cc test_storage.c $(pkg-config --cflags --libs libvirt)`; the meson test
 * capi-storage-libvirt does so when libvirt-dev is installed). Listings are
 * compared as sets: libvirt keeps pools and volumes in hash tables.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define DEFAULT_UUID "dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566"
#define GiB (1024ULL * 1024 * 1024)

static const char *default_xml =
    "<pool type='dir'>\n"
    "  <name>default-pool</name>\n"
    "  <uuid>" DEFAULT_UUID "</uuid>\n"
    "  <capacity unit='bytes'>107374182400</capacity>\n"
    "  <allocation unit='bytes'>0</allocation>\n"
    "  <available unit='bytes'>107374182400</available>\n"
    "  <source>\n"
    "  </source>\n"
    "  <target>\n"
    "    <path>/default-pool</path>\n"
    "  </target>\n"
    "</pool>\n";

static const char *pool_a_xml =
    "<pool type='dir'><name>poola</name><uuid>0b2c9b3e-7a1d-4c55-9a0e-2f1c3d4e5f60</uuid>"
    "<target><path>/poola</path></target></pool>";

static const char *vol_formatted =
    "<volume type='file'>\n"
    "  <name>v1</name>\n"
    "  <key>/default-pool/v1</key>\n"
    "  <capacity unit='bytes'>10737418240</capacity>\n"
    "  <allocation unit='bytes'>2147483648</allocation>\n"
    "  <target>\n"
    "    <path>/default-pool/v1</path>\n"
    "    <format type='raw'/>\n"
    "  </target>\n"
    "</volume>\n";

static int has_name(char **names, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (names[i] && strcmp(names[i], name) == 0)
            return 1;
    return 0;
}

static void free_names(char **names, int n)
{
    for (int i = 0; i < n; i++) {
        free(names[i]);
        names[i] = NULL;
    }
}

/* Whether a listing of pool handles holds `name`; frees the list. */
static int pools_have(virStoragePoolPtr *pools, int n, const char *name)
{
    int found = 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(virStoragePoolGetName(pools[i]), name) == 0)
            found = 1;
        virStoragePoolFree(pools[i]);
    }
    free(pools);
    return found;
}

static void check_pool_info(virStoragePoolPtr pool, int state, unsigned long long allocation)
{
    virStoragePoolInfo info;
    CHECK_INT(virStoragePoolGetInfo(pool, &info), 0);
    CHECK_INT(info.state, state);
    CHECK_INT((long long)info.capacity, (long long)(100 * GiB));
    CHECK_INT((long long)info.allocation, (long long)allocation);
    CHECK_INT((long long)info.available, (long long)(100 * GiB - allocation));
}

/* ------------------------------------------------------------ cases */

static void test_default_pool(virConnectPtr conn)
{
    virStoragePoolPtr pool = virStoragePoolLookupByName(conn, "default-pool");
    CHECK(pool != NULL);
    if (!pool)
        return;
    CHECK_STR(virStoragePoolGetName(pool), "default-pool");
    char uuid[VIR_UUID_STRING_BUFLEN];
    CHECK_INT(virStoragePoolGetUUIDString(pool, uuid), 0);
    CHECK_STR(uuid, DEFAULT_UUID);
    unsigned char raw[VIR_UUID_BUFLEN];
    CHECK_INT(virStoragePoolGetUUID(pool, raw), 0);
    CHECK_INT(raw[0], 0xdf);
    CHECK(virStoragePoolGetConnect(pool) == conn);

    char *xml = virStoragePoolGetXMLDesc(pool, 0);
    CHECK_STR(xml, default_xml);
    free(xml);
    check_pool_info(pool, VIR_STORAGE_POOL_RUNNING, 0);
    CHECK_INT(virStoragePoolIsActive(pool), 1);
    CHECK_INT(virStoragePoolIsPersistent(pool), 1);
    int autostart = -1;
    CHECK_INT(virStoragePoolGetAutostart(pool, &autostart), 0);
    CHECK_INT(autostart, 0);
    CHECK_INT(virStoragePoolNumOfVolumes(pool), 0);
    CHECK_INT(virStoragePoolRefresh(pool, 0), 0);

    virStoragePoolPtr byuuid = virStoragePoolLookupByUUIDString(conn, DEFAULT_UUID);
    CHECK(byuuid != NULL);
    if (byuuid) {
        CHECK_STR(virStoragePoolGetName(byuuid), "default-pool");
        virStoragePoolFree(byuuid);
    }
    byuuid = virStoragePoolLookupByUUID(conn, raw);
    CHECK(byuuid != NULL);
    if (byuuid)
        virStoragePoolFree(byuuid);

    CHECK_INT(virConnectNumOfStoragePools(conn), 1);
    CHECK_INT(virConnectNumOfDefinedStoragePools(conn), 0);
    char *names[4] = {NULL};
    CHECK_INT(virConnectListStoragePools(conn, names, 4), 1);
    CHECK_STR(names[0], "default-pool");
    free_names(names, 4);
    CHECK_INT(virConnectListDefinedStoragePools(conn, names, 4), 0);

    CHECK_INT(virStoragePoolRef(pool), 0);
    CHECK_INT(virStoragePoolFree(pool), 0);
    CHECK_STR(virStoragePoolGetName(pool), "default-pool");
    CHECK_INT(virStoragePoolFree(pool), 0);
}

static void test_pool_errors(virConnectPtr conn)
{
    CHECK(virStoragePoolLookupByName(conn, "nosuch") == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_STORAGE_POOL, VIR_FROM_TEST,
                  "Storage pool not found: no storage pool with matching name 'nosuch'");
    CHECK(virStoragePoolLookupByUUIDString(conn, "dfe224cb-28fb-8dd0-c4b2-64eb3f0f4567") == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_STORAGE_POOL, VIR_FROM_TEST,
                  "no storage pool with matching uuid 'dfe224cb-28fb-8dd0-c4b2-64eb3f0f4567'");
    CHECK(virStoragePoolLookupByName(conn, NULL) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_STORAGE);
    CHECK(virStoragePoolDefineXML(conn, NULL, 0) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_STORAGE);
    CHECK_INT(virStoragePoolFree(NULL), -1);
    CHECK_ERR(VIR_ERR_INVALID_STORAGE_POOL, VIR_FROM_STORAGE);
    CHECK_INT(virStorageVolFree(NULL), -1);
    CHECK_ERR(VIR_ERR_INVALID_STORAGE_VOL, VIR_FROM_STORAGE);

    virStoragePoolPtr pool = virStoragePoolLookupByName(conn, "default-pool");
    CHECK(pool != NULL);
    if (!pool)
        return;
    CHECK_INT(virStoragePoolUndefine(pool), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "storage pool 'default-pool' is active");
    CHECK_INT(virStoragePoolCreate(pool, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "storage pool 'default-pool' is active");
    CHECK_INT(virStoragePoolBuild(pool, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST);
    CHECK_INT(virStoragePoolDelete(pool, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST);
    CHECK(virStoragePoolGetXMLDesc(pool, 1) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "unsupported flags (0x1) in function testStoragePoolGetXMLDesc");
    virStoragePoolPtr *pools = NULL;
    CHECK_INT(virConnectListAllStoragePools(conn, &pools, 1U << 20), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "unsupported flags (0x100000) in function testConnectListAllStoragePools");
    CHECK(virStoragePoolCreateXML(conn, pool_a_xml, 1) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "unsupported flags (0x1) in function testStoragePoolCreateXML");

    /* Collisions with the default pool: name, uuid, target directory. */
    CHECK(virStoragePoolDefineXML(conn,
                                  "<pool type='dir'><name>default-pool</name>"
                                  "<target><path>/x</path></target></pool>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_FAILED, VIR_FROM_STORAGE,
                  "pool 'default-pool' already exists with uuid " DEFAULT_UUID);
    CHECK(virStoragePoolDefineXML(conn,
                                  "<pool type='dir'><name>zz</name><uuid>" DEFAULT_UUID "</uuid>"
                                  "<target><path>/zz</path></target></pool>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_FAILED, VIR_FROM_STORAGE,
                  "pool 'default-pool' is already defined with uuid " DEFAULT_UUID);
    CHECK(virStoragePoolDefineXML(conn,
                                  "<pool type='dir'><name>zz</name>"
                                  "<target><path>/default-pool</path></target></pool>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_FAILED, VIR_FROM_STORAGE,
                  "Storage source conflict with pool: 'default-pool'");
    CHECK(virStoragePoolDefineXML(conn, "<pool type='dir'><name>bad", 0) == NULL);
    CHECK_ERR(VIR_ERR_XML_DETAIL, VIR_FROM_STORAGE);
    CHECK_INT(virConnectNumOfDefinedStoragePools(conn), 0);

    CHECK(virStoragePoolLookupByTargetPath(conn, "/default-pool") == NULL);
    CHECK_ERR(VIR_ERR_NO_SUPPORT, VIR_FROM_STORAGE);
    virStoragePoolFree(pool);
}

static void test_read_only(void)
{
    virConnectPtr ro = virConnectOpenReadOnly("test:///default");
    CHECK(ro != NULL);
    if (!ro)
        return;
    virStoragePoolPtr pool = virStoragePoolLookupByName(ro, "default-pool");
    CHECK(pool != NULL);
    if (pool) {
        CHECK_INT(virStoragePoolDestroy(pool), -1);
        CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_STORAGE,
                      "read only access prevents virStoragePoolDestroy");
        CHECK_INT(virStoragePoolRefresh(pool, 0), -1);
        CHECK_ERR(VIR_ERR_OPERATION_DENIED, VIR_FROM_STORAGE);
        CHECK(virStorageVolCreateXML(pool, "<volume/>", 0) == NULL);
        CHECK_ERR_MSG(VIR_ERR_OPERATION_DENIED, VIR_FROM_STORAGE,
                      "read only access prevents virStorageVolCreateXML");
        char *xml = virStoragePoolGetXMLDesc(pool, 0);
        CHECK(xml != NULL);
        free(xml);
        virStoragePoolFree(pool);
    }
    CHECK(virStoragePoolDefineXML(ro, pool_a_xml, 0) == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, VIR_FROM_STORAGE);
    virConnectClose(ro);
}

static void test_pool_lifecycle(virConnectPtr conn)
{
    virStoragePoolPtr pool = virStoragePoolDefineXML(conn, pool_a_xml, 0);
    CHECK(pool != NULL);
    if (!pool)
        return;
    CHECK_INT(virStoragePoolIsActive(pool), 0);
    CHECK_INT(virStoragePoolIsPersistent(pool), 1);
    check_pool_info(pool, VIR_STORAGE_POOL_INACTIVE, 0);
    CHECK_INT(virConnectNumOfDefinedStoragePools(conn), 1);
    char *names[4] = {NULL};
    CHECK_INT(virConnectListDefinedStoragePools(conn, names, 4), 1);
    CHECK_STR(names[0], "poola");
    free_names(names, 4);

    /* A stopped pool refuses what needs it running. */
    CHECK_INT(virStoragePoolNumOfVolumes(pool), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "storage pool 'poola' is not active");
    CHECK_INT(virStoragePoolRefresh(pool, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST);
    CHECK_INT(virStoragePoolDestroy(pool), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "storage pool 'poola' is not active");
    virStorageVolPtr *vols = NULL;
    CHECK_INT(virStoragePoolListAllVolumes(pool, &vols, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "storage pool is not active");
    CHECK(virStorageVolCreateXML(pool, "<volume><name>a</name><capacity>1</capacity></volume>", 0) == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST);

    CHECK_INT(virStoragePoolBuild(pool, 0), 0);
    CHECK_INT(virStoragePoolDelete(pool, 0), 0);
    CHECK_INT(virStoragePoolSetAutostart(pool, 1), 0);
    int autostart = -1;
    CHECK_INT(virStoragePoolGetAutostart(pool, &autostart), 0);
    CHECK_INT(autostart, 1);

    CHECK_INT(virStoragePoolCreate(pool, 0), 0);
    CHECK_INT(virStoragePoolIsActive(pool), 1);
    CHECK_INT(virConnectNumOfStoragePools(conn), 2);

    /* Listing filters. */
    virStoragePoolPtr *pools = NULL;
    int n = virConnectListAllStoragePools(conn, &pools, VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART);
    CHECK_INT(n, 1);
    CHECK(pools_have(pools, n, "poola"));
    n = virConnectListAllStoragePools(conn, &pools, VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART);
    CHECK_INT(n, 1);
    CHECK(pools_have(pools, n, "default-pool"));
    n = virConnectListAllStoragePools(conn, &pools, VIR_CONNECT_LIST_STORAGE_POOLS_DIR);
    CHECK_INT(n, 2);
    CHECK(pools_have(pools, n, "poola"));
    n = virConnectListAllStoragePools(conn, &pools, VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL);
    CHECK_INT(n, 0);
    free(pools);
    CHECK_INT(virConnectListAllStoragePools(conn, NULL, VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE), 2);
    /* libvirt 9.0 ignores the filters when it only counts (pools NULL); vireo
     * counts what the same call with an array would return. */
    CHECK_INT(virConnectListAllStoragePools(conn, NULL, VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT),
              check_library_is_vireo() ? 0 : 2);

    /* Redefining a running pool with another uuid is refused. */
    CHECK(virStoragePoolDefineXML(conn,
                                  "<pool type='dir'><name>poola</name><target><path>/q</path></target></pool>",
                                  0) == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, VIR_FROM_STORAGE);

    CHECK_INT(virStoragePoolDestroy(pool), 0);
    CHECK_INT(virStoragePoolUndefine(pool), 0);
    CHECK_INT(virStoragePoolIsActive(pool), -1);
    CHECK_ERR(VIR_ERR_NO_STORAGE_POOL, VIR_FROM_TEST);
    CHECK(virStoragePoolLookupByName(conn, "poola") == NULL);
    CHECK_INT(virConnectNumOfDefinedStoragePools(conn), 0);
    virStoragePoolFree(pool);
}

static void test_transient_pool(virConnectPtr conn)
{
    virStoragePoolPtr pool = virStoragePoolCreateXML(conn, pool_a_xml, 0);
    CHECK(pool != NULL);
    if (!pool)
        return;
    CHECK_INT(virStoragePoolIsActive(pool), 1);
    CHECK_INT(virStoragePoolIsPersistent(pool), 0);
    check_pool_info(pool, VIR_STORAGE_POOL_RUNNING, 0);
    virStoragePoolPtr *pools = NULL;
    int n = virConnectListAllStoragePools(conn, &pools, VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT);
    CHECK_INT(n, 1);
    CHECK(pools_have(pools, n, "poola"));
    CHECK_INT(virStoragePoolSetAutostart(pool, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "pool has no config file");
    CHECK(virStoragePoolCreateXML(conn, pool_a_xml, 0) == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_STORAGE);
    CHECK_INT(virStoragePoolDestroy(pool), 0);
    CHECK(virStoragePoolLookupByName(conn, "poola") == NULL);
    CHECK_ERR(VIR_ERR_NO_STORAGE_POOL, VIR_FROM_TEST);
    virStoragePoolFree(pool);
}

static void check_vol_info(virStorageVolPtr vol, unsigned long long capacity, unsigned long long allocation)
{
    virStorageVolInfo info;
    CHECK_INT(virStorageVolGetInfo(vol, &info), 0);
    CHECK_INT(info.type, VIR_STORAGE_VOL_FILE);
    CHECK_INT((long long)info.capacity, (long long)capacity);
    CHECK_INT((long long)info.allocation, (long long)allocation);
}

static void test_volumes(virConnectPtr conn)
{
    virStoragePoolPtr pool = virStoragePoolLookupByName(conn, "default-pool");
    CHECK(pool != NULL);
    if (!pool)
        return;
    virStorageVolPtr v1 = virStorageVolCreateXML(pool,
                                                 "<volume><name>v1</name><capacity unit='G'>10</capacity>"
                                                 "<allocation unit='G'>2</allocation></volume>", 0);
    CHECK(v1 != NULL);
    if (!v1) {
        virStoragePoolFree(pool);
        return;
    }
    CHECK_STR(virStorageVolGetName(v1), "v1");
    CHECK_STR(virStorageVolGetKey(v1), "/default-pool/v1");
    CHECK(virStorageVolGetConnect(v1) == conn);
    char *path = virStorageVolGetPath(v1);
    CHECK_STR(path, "/default-pool/v1");
    free(path);
    char *xml = virStorageVolGetXMLDesc(v1, 0);
    CHECK_STR(xml, vol_formatted);
    free(xml);
    check_vol_info(v1, 10 * GiB, 2 * GiB);
    check_pool_info(pool, VIR_STORAGE_POOL_RUNNING, 2 * GiB);

    /* Errors of creation: flags, a taken name, no room, a bad definition. */
    CHECK(virStorageVolCreateXML(pool, "<volume><name>v1</name><capacity>1</capacity></volume>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_FAILED, VIR_FROM_TEST, "storage vol already exists");
    CHECK(virStorageVolCreateXML(pool, "<volume><name>v9</name><capacity>1</capacity></volume>", 1) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x1) in function testStorageVolCreateXML");
    CHECK(virStorageVolCreateXML(pool, "<volume><name>big</name><capacity unit='T'>1</capacity></volume>", 0) ==
          NULL);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "Not enough free space in pool for volume 'big'");
    CHECK(virStorageVolCreateXML(pool, "<volume><name>x</name></volume>", 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_XML_ERROR, VIR_FROM_STORAGE, "missing capacity element");
    check_pool_info(pool, VIR_STORAGE_POOL_RUNNING, 2 * GiB);

    /* The allocation defaults to the capacity; a clone takes its XML's sizes. */
    virStorageVolPtr v2 =
        virStorageVolCreateXML(pool, "<volume><name>v2</name><capacity unit='G'>1</capacity></volume>", 0);
    CHECK(v2 != NULL);
    if (v2)
        check_vol_info(v2, GiB, GiB);
    virStorageVolPtr v3 = virStorageVolCreateXMLFrom(
        pool, "<volume><name>v3</name><capacity unit='G'>1</capacity><allocation>0</allocation></volume>", v1, 0);
    CHECK(v3 != NULL);
    if (v3)
        check_vol_info(v3, GiB, 0);
    CHECK(virStorageVolCreateXMLFrom(pool, "<volume><name>v4</name><capacity>1</capacity></volume>", v1, 1) ==
          NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "unsupported flags (0x1) in function testStorageVolCreateXMLFrom");
    CHECK(virStorageVolCreateXMLFrom(pool, "<volume/>", NULL, 0) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_STORAGE_VOL, VIR_FROM_STORAGE);
    check_pool_info(pool, VIR_STORAGE_POOL_RUNNING, 3 * GiB);

    /* Lookups. */
    CHECK_INT(virStoragePoolNumOfVolumes(pool), 3);
    char *names[4] = {NULL};
    CHECK_INT(virStoragePoolListVolumes(pool, names, 4), 3);
    CHECK(has_name(names, 3, "v1") && has_name(names, 3, "v2") && has_name(names, 3, "v3"));
    free_names(names, 4);
    virStorageVolPtr *vols = NULL;
    int n = virStoragePoolListAllVolumes(pool, &vols, 0);
    CHECK_INT(n, 3);
    for (int i = 0; i < n; i++)
        virStorageVolFree(vols[i]);
    free(vols);
    CHECK_INT(virStoragePoolListAllVolumes(pool, NULL, 1), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "unsupported flags (0x1) in function testStoragePoolListAllVolumes");

    virStorageVolPtr found = virStorageVolLookupByName(pool, "v2");
    CHECK(found != NULL);
    if (found) {
        CHECK_STR(virStorageVolGetKey(found), "/default-pool/v2");
        virStoragePoolPtr owner = virStoragePoolLookupByVolume(found);
        CHECK(owner != NULL);
        if (owner) {
            CHECK_STR(virStoragePoolGetName(owner), "default-pool");
            virStoragePoolFree(owner);
        }
        virStorageVolFree(found);
    }
    found = virStorageVolLookupByKey(conn, "/default-pool/v1");
    CHECK(found != NULL && strcmp(virStorageVolGetName(found), "v1") == 0);
    if (found)
        virStorageVolFree(found);
    found = virStorageVolLookupByPath(conn, "/default-pool/v3");
    CHECK(found != NULL && strcmp(virStorageVolGetName(found), "v3") == 0);
    if (found)
        virStorageVolFree(found);
    CHECK(virStorageVolLookupByName(pool, "nope") == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_STORAGE_VOL, VIR_FROM_TEST,
                  "Storage volume not found: no storage vol with matching name 'nope'");
    CHECK(virStorageVolLookupByKey(conn, "nope") == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_STORAGE_VOL, VIR_FROM_TEST, "no storage vol with matching key 'nope'");
    CHECK(virStorageVolLookupByPath(conn, "nope") == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_STORAGE_VOL, VIR_FROM_TEST, "no storage vol with matching path 'nope'");
    CHECK(virStorageVolGetXMLDesc(v1, 1) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "unsupported flags (0x1) in function testStorageVolGetXMLDesc");

    /* A stopped pool keeps its volumes but serves none of them. */
    CHECK_INT(virStoragePoolDestroy(pool), 0);
    virStorageVolInfo info;
    CHECK_INT(virStorageVolGetInfo(v1, &info), -1);
    CHECK_ERR_MSG(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, "storage pool 'default-pool' is not active");
    CHECK(virStorageVolGetPath(v1) == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST);
    CHECK(virStorageVolLookupByKey(conn, "/default-pool/v1") == NULL);
    CHECK_ERR(VIR_ERR_NO_STORAGE_VOL, VIR_FROM_TEST);
    CHECK_INT(virStoragePoolCreate(pool, 0), 0);
    CHECK_INT(virStoragePoolNumOfVolumes(pool), 3);

    /* Deleting gives the space back. */
    CHECK_INT(virStorageVolDelete(v1, 1), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST);
    CHECK_INT(virStorageVolDelete(v1, 0), 0);
    CHECK_INT(virStorageVolDelete(v1, 0), -1);
    CHECK_ERR_MSG(VIR_ERR_NO_STORAGE_VOL, VIR_FROM_TEST, "no storage vol with matching name 'v1'");
    check_pool_info(pool, VIR_STORAGE_POOL_RUNNING, GiB);
    if (v2)
        CHECK_INT(virStorageVolDelete(v2, 0), 0);
    if (v3)
        CHECK_INT(virStorageVolDelete(v3, 0), 0);
    check_pool_info(pool, VIR_STORAGE_POOL_RUNNING, 0);
    CHECK_INT(virStoragePoolNumOfVolumes(pool), 0);

    CHECK_INT(virStorageVolRef(v1), 0);
    CHECK_INT(virStorageVolFree(v1), 0);
    CHECK_INT(virStorageVolFree(v1), 0);
    if (v2)
        virStorageVolFree(v2);
    if (v3)
        virStorageVolFree(v3);
    virStoragePoolFree(pool);
}

/* The test driver's fixed answers, and its quirk of calling "dir" unknown. */
static void test_find_sources(virConnectPtr conn)
{
    char *xml = virConnectFindStoragePoolSources(conn, "logical", NULL, 0);
    CHECK_SUBSTR(xml, "<name>testvg2</name>");
    free(xml);
    xml = virConnectFindStoragePoolSources(conn, "netfs", "<source><host name='h1'/></source>", 0);
    CHECK_STR(xml, "<sources>\n  <source>\n    <host name='h1'/>\n    <dir path='/testshare'/>\n"
                   "    <format type='nfs'/>\n  </source>\n</sources>\n");
    free(xml);
    CHECK(virConnectFindStoragePoolSources(conn, "netfs", NULL, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, "hostname must be specified for netfs sources");
    CHECK(virConnectFindStoragePoolSources(conn, "dir", NULL, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "unknown storage pool type dir");
    CHECK(virConnectFindStoragePoolSources(conn, "iscsi", NULL, 0) == NULL);
    CHECK_ERR_MSG(VIR_ERR_NO_SUPPORT, VIR_FROM_TEST, "pool type 'iscsi' does not support source discovery");
    CHECK(virConnectFindStoragePoolSources(conn, "logical", NULL, 1) == NULL);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                  "unsupported flags (0x1) in function testConnectFindStoragePoolSources");
}

int main(void)
{
    check_init();
    virConnectPtr conn = virConnectOpen("test:///default");
    CHECK(conn != NULL);
    if (!conn)
        return check_finish("capi-storage");
    test_default_pool(conn);
    test_pool_errors(conn);
    test_read_only();
    test_pool_lifecycle(conn);
    test_transient_pool(conn);
    test_volumes(conn);
    test_find_sources(conn);
    CHECK_INT(virConnectClose(conn), 0);
    return check_finish("capi-storage");
}
