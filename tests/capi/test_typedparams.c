/*
 * test_typedparams.c: the virTypedParams* helpers of libvirt-common.h.
 *
 * Asserts: each virTypedParamsAdd* appends one parameter with the right
 * name, type and value and grows the array; virTypedParamsAddStringList
 * appends one string parameter per list item under the same name;
 * virTypedParamsAddFromString parses each type and rejects bad text;
 * virTypedParamsGet finds by name (first match) or returns NULL; each
 * Get* returns 1 when found, 0 when missing, -1 with VIR_ERR_INVALID_ARG
 * on a type mismatch; a duplicate name is appended, not refused (libvirt
 * 9.0), and lookups find the first; a name of 80 characters or more fails
 * with VIR_ERR_INTERNAL_ERROR; virTypedParamsClear and virTypedParamsFree
 * release everything (run under valgrind or ASan to see leaks).
 */
#include "check.h"

#include <stdlib.h>

static void test_add_get(void)
{
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;
    int i;
    unsigned int u;
    long long ll;
    unsigned long long ull;
    double d;
    int b;
    const char *s;
    virTypedParameterPtr p;

    CHECK_INT(virTypedParamsAddInt(&params, &n, &max, "int", -42), 0);
    CHECK_INT(n, 1);
    CHECK(max >= n);
    CHECK_INT(virTypedParamsAddUInt(&params, &n, &max, "uint", 4000000000U), 0);
    CHECK_INT(virTypedParamsAddLLong(&params, &n, &max, "llong", -5000000000LL), 0);
    CHECK_INT(virTypedParamsAddULLong(&params, &n, &max, "ullong", 18000000000000000000ULL), 0);
    CHECK_INT(virTypedParamsAddDouble(&params, &n, &max, "double", 2.5), 0);
    CHECK_INT(virTypedParamsAddBoolean(&params, &n, &max, "bool", 7), 0);
    CHECK_INT(virTypedParamsAddString(&params, &n, &max, "string", "hello"), 0);
    CHECK_INT(n, 7);
    CHECK(max >= n);
    if (n != 7) {
        virTypedParamsFree(params, n);
        return;
    }

    /* Layout: names, types and the union, in insertion order. */
    CHECK_STR(params[0].field, "int");
    CHECK_INT(params[0].type, VIR_TYPED_PARAM_INT);
    CHECK_INT(params[0].value.i, -42);
    CHECK_STR(params[1].field, "uint");
    CHECK_INT(params[1].type, VIR_TYPED_PARAM_UINT);
    CHECK_INT(params[1].value.ui, 4000000000U);
    CHECK_INT(params[2].type, VIR_TYPED_PARAM_LLONG);
    CHECK_INT(params[2].value.l, -5000000000LL);
    CHECK_INT(params[3].type, VIR_TYPED_PARAM_ULLONG);
    CHECK(params[3].value.ul == 18000000000000000000ULL);
    CHECK_INT(params[4].type, VIR_TYPED_PARAM_DOUBLE);
    CHECK(params[4].value.d == 2.5);
    CHECK_INT(params[5].type, VIR_TYPED_PARAM_BOOLEAN);
    CHECK_INT(params[5].value.b, 1); /* normalised to 1 */
    CHECK_INT(params[6].type, VIR_TYPED_PARAM_STRING);
    CHECK_STR(params[6].value.s, "hello");

    /* Typed getters. */
    CHECK_INT(virTypedParamsGetInt(params, n, "int", &i), 1);
    CHECK_INT(i, -42);
    CHECK_INT(virTypedParamsGetUInt(params, n, "uint", &u), 1);
    CHECK_INT(u, 4000000000U);
    CHECK_INT(virTypedParamsGetLLong(params, n, "llong", &ll), 1);
    CHECK_INT(ll, -5000000000LL);
    CHECK_INT(virTypedParamsGetULLong(params, n, "ullong", &ull), 1);
    CHECK(ull == 18000000000000000000ULL);
    CHECK_INT(virTypedParamsGetDouble(params, n, "double", &d), 1);
    CHECK(d == 2.5);
    CHECK_INT(virTypedParamsGetBoolean(params, n, "bool", &b), 1);
    CHECK_INT(b, 1);
    CHECK_INT(virTypedParamsGetString(params, n, "string", &s), 1);
    CHECK_STR(s, "hello");
    CHECK(s == params[6].value.s); /* not a copy */

    /* Missing: 0, and no error. */
    i = 12345;
    CHECK_INT(virTypedParamsGetInt(params, n, "missing", &i), 0);
    CHECK_INT(i, 12345);
    CHECK(virGetLastError() == NULL);
    CHECK_INT(virTypedParamsGetString(params, n, "missing", &s), 0);

    /* Wrong type: -1. */
    CHECK_INT(virTypedParamsGetUInt(params, n, "int", &u), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NONE,
                  "Invalid type 'uint' requested for parameter 'int', actual type is 'int'");
    CHECK_INT(virTypedParamsGetString(params, n, "bool", &s), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);

    /* Untyped lookup. */
    p = virTypedParamsGet(params, n, "double");
    CHECK(p == &params[4]);
    CHECK(virTypedParamsGet(params, n, "nope") == NULL);
    CHECK(virTypedParamsGet(params, 0, "int") == NULL);

    /* libvirt 9.0 does not refuse a duplicate name: the public adders
     * append a second parameter, and lookups find the first one. */
    CHECK_INT(virTypedParamsAddInt(&params, &n, &max, "int", 1), 0);
    CHECK_INT(n, 8);
    CHECK_INT(virTypedParamsAddString(&params, &n, &max, "string", "again"), 0);
    CHECK_INT(n, 9);
    CHECK_INT(virTypedParamsGetInt(params, n, "int", &i), 1);
    CHECK_INT(i, -42);
    CHECK_INT(virTypedParamsGetString(params, n, "string", &s), 1);
    CHECK_STR(s, "hello");
    CHECK(virTypedParamsGet(params, n, "int") == &params[0]);

    /* A name must fit VIR_TYPED_PARAM_FIELD_LENGTH with its NUL; libvirt
     * 9.0 reports VIR_ERR_INTERNAL_ERROR "Field name '...' too long". */
    {
        char name[VIR_TYPED_PARAM_FIELD_LENGTH + 1];
        memset(name, 'x', sizeof(name) - 1);
        name[sizeof(name) - 1] = '\0';
        CHECK_INT(virTypedParamsAddInt(&params, &n, &max, name, 1), -1);
        CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE, "too long");
        name[VIR_TYPED_PARAM_FIELD_LENGTH] = '\0'; /* 80 chars: too long */
        CHECK_INT(virTypedParamsAddInt(&params, &n, &max, name, 1), -1);
        name[VIR_TYPED_PARAM_FIELD_LENGTH - 1] = '\0'; /* 79 chars fit */
        CHECK_INT(virTypedParamsAddInt(&params, &n, &max, name, 1), 0);
        CHECK_INT(n, 10);
        CHECK_STR(params[9].field, name);
    }

    virTypedParamsFree(params, n);
}

static void test_string_list(void)
{
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;
    const char *list[] = { "one", "two", "three", NULL };
    const char *s = NULL;

    CHECK_INT(virTypedParamsAddStringList(&params, &n, &max, "item", list), 0);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(params[0].field, "item");
        CHECK_STR(params[0].value.s, "one");
        CHECK_STR(params[1].field, "item");
        CHECK_STR(params[1].value.s, "two");
        CHECK_STR(params[2].value.s, "three");
        CHECK(params[0].value.s != list[0]); /* copied */
    }
    /* The first match wins. */
    CHECK_INT(virTypedParamsGetString(params, n, "item", &s), 1);
    CHECK_STR(s, "one");

    /* An empty list adds nothing; libvirt 9.0 then returns -1 (without
     * setting an error, which is not asserted here). */
    {
        const char *empty[] = { NULL };
        CHECK_INT(virTypedParamsAddStringList(&params, &n, &max, "empty", empty), -1);
        CHECK_INT(n, 3);
    }

    /* Clear frees the strings but not the array; it may be refilled. */
    virTypedParamsClear(params, n);
    n = 0;
    CHECK_INT(virTypedParamsAddString(&params, &n, &max, "item", "again"), 0);
    CHECK_INT(n, 1);
    virTypedParamsFree(params, n);
}

static void test_from_string(void)
{
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;
    int i = 0, b = 0;
    unsigned int u = 0;
    long long ll = 0;
    unsigned long long ull = 0;
    double d = 0;
    const char *s = NULL;

    CHECK_INT(virTypedParamsAddFromString(&params, &n, &max, "i", VIR_TYPED_PARAM_INT, "-7"), 0);
    CHECK_INT(virTypedParamsAddFromString(&params, &n, &max, "u", VIR_TYPED_PARAM_UINT, "7"), 0);
    CHECK_INT(virTypedParamsAddFromString(&params, &n, &max, "l", VIR_TYPED_PARAM_LLONG, "-9000000000"), 0);
    CHECK_INT(virTypedParamsAddFromString(&params, &n, &max, "ul", VIR_TYPED_PARAM_ULLONG, "9000000000"), 0);
    CHECK_INT(virTypedParamsAddFromString(&params, &n, &max, "d", VIR_TYPED_PARAM_DOUBLE, "0.25"), 0);
    CHECK_INT(virTypedParamsAddFromString(&params, &n, &max, "b1", VIR_TYPED_PARAM_BOOLEAN, "true"), 0);
    CHECK_INT(virTypedParamsAddFromString(&params, &n, &max, "b2", VIR_TYPED_PARAM_BOOLEAN, "0"), 0);
    CHECK_INT(virTypedParamsAddFromString(&params, &n, &max, "s", VIR_TYPED_PARAM_STRING, "text"), 0);
    CHECK_INT(virTypedParamsAddFromString(&params, &n, &max, "b3", VIR_TYPED_PARAM_BOOLEAN, "1"), 0);
    CHECK_INT(virTypedParamsAddFromString(&params, &n, &max, "b4", VIR_TYPED_PARAM_BOOLEAN, "FALSE"), 0);
    /* libvirt 9.0 parses "-1" as a uint, wrapping to UINT_MAX. */
    CHECK_INT(virTypedParamsAddFromString(&params, &n, &max, "neg", VIR_TYPED_PARAM_UINT, "-1"), 0);
    CHECK_INT(n, 11);

    CHECK_INT(virTypedParamsGetInt(params, n, "i", &i), 1);
    CHECK_INT(i, -7);
    CHECK_INT(virTypedParamsGetUInt(params, n, "u", &u), 1);
    CHECK_INT(u, 7);
    CHECK_INT(virTypedParamsGetLLong(params, n, "l", &ll), 1);
    CHECK_INT(ll, -9000000000LL);
    CHECK_INT(virTypedParamsGetULLong(params, n, "ul", &ull), 1);
    CHECK_INT(ull, 9000000000ULL);
    CHECK_INT(virTypedParamsGetDouble(params, n, "d", &d), 1);
    CHECK(d == 0.25);
    CHECK_INT(virTypedParamsGetBoolean(params, n, "b1", &b), 1);
    CHECK_INT(b, 1);
    CHECK_INT(virTypedParamsGetBoolean(params, n, "b2", &b), 1);
    CHECK_INT(b, 0);
    CHECK_INT(virTypedParamsGetString(params, n, "s", &s), 1);
    CHECK_STR(s, "text");
    CHECK_INT(virTypedParamsGetBoolean(params, n, "b3", &b), 1);
    CHECK_INT(b, 1);
    CHECK_INT(virTypedParamsGetBoolean(params, n, "b4", &b), 1);
    CHECK_INT(b, 0);
    CHECK_INT(virTypedParamsGetUInt(params, n, "neg", &u), 1);
    CHECK_INT(u, 4294967295U);

    /* Bad text is refused and nothing is added. */
    CHECK_INT(virTypedParamsAddFromString(&params, &n, &max, "bad", VIR_TYPED_PARAM_INT, "seven"), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "Invalid value for field 'bad'");
    CHECK_INT(virTypedParamsAddFromString(&params, &n, &max, "bad", VIR_TYPED_PARAM_UINT, "x1"), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);
    CHECK_INT(virTypedParamsAddFromString(&params, &n, &max, "bad", VIR_TYPED_PARAM_DOUBLE, "1.5z"), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE);
    /* Only true/false (any case) and 1/0 are booleans. */
    CHECK_INT(virTypedParamsAddFromString(&params, &n, &max, "bad", VIR_TYPED_PARAM_BOOLEAN, "yes"), -1);
    CHECK_ERR_MSG(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "Invalid boolean value for field 'bad'");
    /* libvirt 9.0: an unknown type is an internal error. */
    CHECK_INT(virTypedParamsAddFromString(&params, &n, &max, "bad", 99, "1"), -1);
    CHECK_ERR_MSG(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE, "unexpected type 99 for field bad");
    CHECK_INT(n, 11);

    virTypedParamsFree(params, n);
}

static void test_free_edge_cases(void)
{
    /* Both accept an empty or NULL array. */
    virTypedParamsClear(NULL, 0);
    virTypedParamsFree(NULL, 0);
    CHECK(1);
}

int main(void)
{
    check_init();
    test_add_get();
    test_string_list();
    test_from_string();
    test_free_edge_cases();
    return check_finish("test_typedparams");
}
