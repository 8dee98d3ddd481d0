/*
 * libvirt-common.h: version macros, export helpers and typed parameters
 *
 * This file is part of vireo, a C++ implementation of the libvirt
 * 9.0.0 public C API.  Names, values, types and layouts follow that
 * API so that existing libvirt client programs build unchanged.
 */

#ifndef VIREO_LIBVIRT_COMMON_H
#define VIREO_LIBVIRT_COMMON_H

#include <sys/types.h>

/*
 * VIREO_API marks every public function and variable so that it stays
 * visible when the library is built with -fvisibility=hidden.
 */
#if defined(__GNUC__)
# define VIREO_API __attribute__((visibility("default")))
#else
# define VIREO_API
#endif

/*
 * VIR_DEPRECATED tags declarations that should no longer be used.
 * Define it to nothing before including the headers to silence the
 * resulting compiler warnings.
 */
#ifndef VIR_DEPRECATED
# if defined(__GNUC__) && (__GNUC__ > 3 || (__GNUC__ == 3 && __GNUC_MINOR__ >= 1))
#  define VIR_DEPRECATED __attribute__((__deprecated__))
# else
#  define VIR_DEPRECATED
# endif
#endif

/* Storage class used for exported data symbols. */
#ifndef VIR_EXPORT_VAR
# define VIR_EXPORT_VAR extern
#endif

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Compile-time test: true when the headers provide at least version
 * major.minor.micro.
 */
#define LIBVIR_CHECK_VERSION(major, minor, micro) ((major) * 1000000 + (minor) * 1000 + (micro) <= LIBVIR_VERSION_NUMBER)

/**
 * API version implemented, encoded as major * 1000000 + minor * 1000 +
 * micro.
 */
#define LIBVIR_VERSION_NUMBER 9000000

/**
 * Size of the name buffer of a virTypedParameter, including the terminating
 * NUL.
 */
#define VIR_TYPED_PARAM_FIELD_LENGTH 80

/**
 * Why a connection was closed; passed to virConnectCloseFunc callbacks.
 */
typedef enum {
    VIR_CONNECT_CLOSE_REASON_ERROR     = 0,
    VIR_CONNECT_CLOSE_REASON_EOF       = 1,
    VIR_CONNECT_CLOSE_REASON_KEEPALIVE = 2,
    VIR_CONNECT_CLOSE_REASON_CLIENT    = 3,
#ifdef VIR_ENUM_SENTINELS
    VIR_CONNECT_CLOSE_REASON_LAST      = 4,
#endif
} virConnectCloseReason;

/**
 * Flags understood by calls that take typed parameters.
 */
typedef enum {
    VIR_TYPED_PARAM_STRING_OKAY = 0x4,
} virTypedParameterFlags;

/**
 * Kind of value held in a virTypedParameter (the type member selects the
 * union member).
 */
typedef enum {
    VIR_TYPED_PARAM_INT     = 1,
    VIR_TYPED_PARAM_UINT    = 2,
    VIR_TYPED_PARAM_LLONG   = 3,
    VIR_TYPED_PARAM_ULLONG  = 4,
    VIR_TYPED_PARAM_DOUBLE  = 5,
    VIR_TYPED_PARAM_BOOLEAN = 6,
    VIR_TYPED_PARAM_STRING  = 7,
#ifdef VIR_ENUM_SENTINELS
    VIR_TYPED_PARAM_LAST    = 8,
#endif
} virTypedParameterType;

typedef struct _virTypedParameter virTypedParameter;
typedef virTypedParameter *virTypedParameterPtr;

/**
 * Signature of a destructor the library calls, exactly once, to release
 * caller data it was handed together with a callback.
 *
 * @param opaque  the data to release
 */
typedef void (*virFreeCallback)(void *opaque);

/**
 * A named value of one of several types, used to pass extensible sets of
 * settings and statistics. @c type (a virTypedParameterType) tells which
 * member of @c value is valid.
 */
struct _virTypedParameter {
    char field[VIR_TYPED_PARAM_FIELD_LENGTH]; /* NUL terminated name */
    int type; /* virTypedParameterType */
    union {
        int i; /* VIR_TYPED_PARAM_INT */
        unsigned int ui; /* VIR_TYPED_PARAM_UINT */
        long long int l; /* VIR_TYPED_PARAM_LLONG */
        unsigned long long int ul; /* VIR_TYPED_PARAM_ULLONG */
        double d; /* VIR_TYPED_PARAM_DOUBLE */
        char b; /* VIR_TYPED_PARAM_BOOLEAN, 0 or 1 */
        char *s; /* VIR_TYPED_PARAM_STRING, never NULL */
    } value; /* payload selected by type */
};

/* -------- Building typed parameter arrays ----------------------------- */

/**
 * Append a parameter of type VIR_TYPED_PARAM_INT named @p name to a growable
 * typed parameter array. The array is (re)allocated as needed, so it must
 * start out as NULL with *nparams and *maxparams set to 0, or come from an
 * earlier call. Adding a name that is already present is an error. Release
 * the array with virTypedParamsFree().
 *
 * @param params     in/out pointer to the array
 * @param nparams    in/out number of used entries
 * @param maxparams  allocated capacity of @p params, updated on growth
 * @param name       parameter name (shorter than
 *                   VIR_TYPED_PARAM_FIELD_LENGTH)
 * @param value      value to store
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virTypedParamsAddInt(virTypedParameterPtr *params,
                                   int *nparams,
                                   int *maxparams,
                                   const char *name,
                                   int value);

/**
 * Append a parameter of type VIR_TYPED_PARAM_UINT named @p name to a
 * growable typed parameter array. The array is (re)allocated as needed, so
 * it must start out as NULL with *nparams and *maxparams set to 0, or come
 * from an earlier call. Adding a name that is already present is an error.
 * Release the array with virTypedParamsFree().
 *
 * @param params     in/out pointer to the array
 * @param nparams    in/out number of used entries
 * @param maxparams  allocated capacity of @p params, updated on growth
 * @param name       parameter name (shorter than
 *                   VIR_TYPED_PARAM_FIELD_LENGTH)
 * @param value      value to store
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virTypedParamsAddUInt(virTypedParameterPtr *params,
                                    int *nparams,
                                    int *maxparams,
                                    const char *name,
                                    unsigned int value);

/**
 * Append a parameter of type VIR_TYPED_PARAM_LLONG named @p name to a
 * growable typed parameter array. The array is (re)allocated as needed, so
 * it must start out as NULL with *nparams and *maxparams set to 0, or come
 * from an earlier call. Adding a name that is already present is an error.
 * Release the array with virTypedParamsFree().
 *
 * @param params     in/out pointer to the array
 * @param nparams    in/out number of used entries
 * @param maxparams  allocated capacity of @p params, updated on growth
 * @param name       parameter name (shorter than
 *                   VIR_TYPED_PARAM_FIELD_LENGTH)
 * @param value      value to store
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virTypedParamsAddLLong(virTypedParameterPtr *params,
                                     int *nparams,
                                     int *maxparams,
                                     const char *name,
                                     long long value);

/**
 * Append a parameter of type VIR_TYPED_PARAM_ULLONG named @p name to a
 * growable typed parameter array. The array is (re)allocated as needed, so
 * it must start out as NULL with *nparams and *maxparams set to 0, or come
 * from an earlier call. Adding a name that is already present is an error.
 * Release the array with virTypedParamsFree().
 *
 * @param params     in/out pointer to the array
 * @param nparams    in/out number of used entries
 * @param maxparams  allocated capacity of @p params, updated on growth
 * @param name       parameter name (shorter than
 *                   VIR_TYPED_PARAM_FIELD_LENGTH)
 * @param value      value to store
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virTypedParamsAddULLong(virTypedParameterPtr *params,
                                      int *nparams,
                                      int *maxparams,
                                      const char *name,
                                      unsigned long long value);

/**
 * Append a parameter of type VIR_TYPED_PARAM_DOUBLE named @p name to a
 * growable typed parameter array. The array is (re)allocated as needed, so
 * it must start out as NULL with *nparams and *maxparams set to 0, or come
 * from an earlier call. Adding a name that is already present is an error.
 * Release the array with virTypedParamsFree().
 *
 * @param params     in/out pointer to the array
 * @param nparams    in/out number of used entries
 * @param maxparams  allocated capacity of @p params, updated on growth
 * @param name       parameter name (shorter than
 *                   VIR_TYPED_PARAM_FIELD_LENGTH)
 * @param value      value to store
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virTypedParamsAddDouble(virTypedParameterPtr *params,
                                      int *nparams,
                                      int *maxparams,
                                      const char *name,
                                      double value);

/**
 * Append a parameter of type VIR_TYPED_PARAM_BOOLEAN named @p name to a
 * growable typed parameter array. The array is (re)allocated as needed, so
 * it must start out as NULL with *nparams and *maxparams set to 0, or come
 * from an earlier call. Adding a name that is already present is an error.
 * Release the array with virTypedParamsFree().
 *
 * @param params     in/out pointer to the array
 * @param nparams    in/out number of used entries
 * @param maxparams  allocated capacity of @p params, updated on growth
 * @param name       parameter name (shorter than
 *                   VIR_TYPED_PARAM_FIELD_LENGTH)
 * @param value      zero for false, non-zero for true
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virTypedParamsAddBoolean(virTypedParameterPtr *params,
                                       int *nparams,
                                       int *maxparams,
                                       const char *name,
                                       int value);

/**
 * Append a parameter of type VIR_TYPED_PARAM_STRING named @p name to a
 * growable typed parameter array. The array is (re)allocated as needed, so
 * it must start out as NULL with *nparams and *maxparams set to 0, or come
 * from an earlier call. Adding a name that is already present is an error.
 * Release the array with virTypedParamsFree().
 *
 * @param params     in/out pointer to the array
 * @param nparams    in/out number of used entries
 * @param maxparams  allocated capacity of @p params, updated on growth
 * @param name       parameter name (shorter than
 *                   VIR_TYPED_PARAM_FIELD_LENGTH)
 * @param value      string to copy into the array
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virTypedParamsAddString(virTypedParameterPtr *params,
                                      int *nparams,
                                      int *maxparams,
                                      const char *name,
                                      const char *value);

/**
 * Append one VIR_TYPED_PARAM_STRING parameter named @p name for every string
 * of a NULL terminated list; this is the one way to give the same name
 * several values. The array grows as for virTypedParamsAddString().
 *
 * @param params     in/out pointer to the array
 * @param nparams    in/out number of used entries
 * @param maxparams  allocated capacity of @p params, updated on growth
 * @param name       parameter name
 * @param values     NULL terminated list of strings, each copied
 *
 * @return 0 on success, -1 on error.
 */
VIREO_API int virTypedParamsAddStringList(
        virTypedParameterPtr *params,
        int *nparams,
        int *maxparams,
        const char *name,
        const char **values);

/**
 * Append a parameter whose value is given as text and converted according to
 * @p type (a virTypedParameterType). The array grows as for the other
 * virTypedParamsAdd* calls.
 *
 * @param params     in/out pointer to the array
 * @param nparams    in/out number of used entries
 * @param maxparams  allocated capacity of @p params, updated on growth
 * @param name       parameter name
 * @param type       virTypedParameterType of the new entry
 * @param value      textual form of the value
 *
 * @return 0 on success, -1 on error (including text that does not parse as
 *         @p type).
 */
VIREO_API int virTypedParamsAddFromString(
        virTypedParameterPtr *params,
        int *nparams,
        int *maxparams,
        const char *name,
        int type,
        const char *value);

/* -------- Reading typed parameter arrays ------------------------------ */

/**
 * Find the first parameter named @p name in an array.
 *
 * @param params   array to search
 * @param nparams  number of entries in @p params
 * @param name     parameter name
 *
 * @return a pointer into @p params, or NULL if absent or on invalid
 *         arguments. Do not free it.
 */
VIREO_API virTypedParameterPtr virTypedParamsGet(
        virTypedParameterPtr params,
        int nparams,
        const char *name);

/**
 * Find the parameter named @p name and read its value, which must be of type
 * VIR_TYPED_PARAM_INT.
 *
 * @param params   array to search
 * @param nparams  number of entries in @p params
 * @param name     parameter name
 * @param value    receives the value
 *
 * @return 1 if the parameter was found and stored in @p value, 0 if it is
 *         absent (value untouched), -1 on error such as a type mismatch.
 */
VIREO_API int virTypedParamsGetInt(virTypedParameterPtr params,
                                   int nparams,
                                   const char *name,
                                   int *value);

/**
 * Find the parameter named @p name and read its value, which must be of type
 * VIR_TYPED_PARAM_UINT.
 *
 * @param params   array to search
 * @param nparams  number of entries in @p params
 * @param name     parameter name
 * @param value    receives the value
 *
 * @return 1 if the parameter was found and stored in @p value, 0 if it is
 *         absent (value untouched), -1 on error such as a type mismatch.
 */
VIREO_API int virTypedParamsGetUInt(virTypedParameterPtr params,
                                    int nparams,
                                    const char *name,
                                    unsigned int *value);

/**
 * Find the parameter named @p name and read its value, which must be of type
 * VIR_TYPED_PARAM_LLONG.
 *
 * @param params   array to search
 * @param nparams  number of entries in @p params
 * @param name     parameter name
 * @param value    receives the value
 *
 * @return 1 if the parameter was found and stored in @p value, 0 if it is
 *         absent (value untouched), -1 on error such as a type mismatch.
 */
VIREO_API int virTypedParamsGetLLong(virTypedParameterPtr params,
                                     int nparams,
                                     const char *name,
                                     long long *value);

/**
 * Find the parameter named @p name and read its value, which must be of type
 * VIR_TYPED_PARAM_ULLONG.
 *
 * @param params   array to search
 * @param nparams  number of entries in @p params
 * @param name     parameter name
 * @param value    receives the value
 *
 * @return 1 if the parameter was found and stored in @p value, 0 if it is
 *         absent (value untouched), -1 on error such as a type mismatch.
 */
VIREO_API int virTypedParamsGetULLong(virTypedParameterPtr params,
                                      int nparams,
                                      const char *name,
                                      unsigned long long *value);

/**
 * Find the parameter named @p name and read its value, which must be of type
 * VIR_TYPED_PARAM_DOUBLE.
 *
 * @param params   array to search
 * @param nparams  number of entries in @p params
 * @param name     parameter name
 * @param value    receives the value
 *
 * @return 1 if the parameter was found and stored in @p value, 0 if it is
 *         absent (value untouched), -1 on error such as a type mismatch.
 */
VIREO_API int virTypedParamsGetDouble(virTypedParameterPtr params,
                                      int nparams,
                                      const char *name,
                                      double *value);

/**
 * Find the parameter named @p name and read its value, which must be of type
 * VIR_TYPED_PARAM_BOOLEAN.
 *
 * @param params   array to search
 * @param nparams  number of entries in @p params
 * @param name     parameter name
 * @param value    receives 1 for true or 0 for false
 *
 * @return 1 if the parameter was found and stored in @p value, 0 if it is
 *         absent (value untouched), -1 on error such as a type mismatch.
 */
VIREO_API int virTypedParamsGetBoolean(virTypedParameterPtr params,
                                       int nparams,
                                       const char *name,
                                       int *value);

/**
 * Find the parameter named @p name and read its value, which must be of type
 * VIR_TYPED_PARAM_STRING.
 *
 * @param params   array to search
 * @param nparams  number of entries in @p params
 * @param name     parameter name
 * @param value    receives a pointer into the array; it stays valid as long
 *                 as @p params and must not be freed
 *
 * @return 1 if the parameter was found and stored in @p value, 0 if it is
 *         absent (value untouched), -1 on error such as a type mismatch.
 */
VIREO_API int virTypedParamsGetString(virTypedParameterPtr params,
                                      int nparams,
                                      const char *name,
                                      const char **value);

/* -------- Releasing typed parameter arrays ---------------------------- */

/**
 * Release the strings owned by the entries of a typed parameter array
 * without freeing the array itself (useful for arrays on the stack).
 *
 * @param params   array to clear (NULL is allowed)
 * @param nparams  number of entries in @p params
 */
VIREO_API void virTypedParamsClear(virTypedParameterPtr params, int nparams);

/**
 * Release the strings owned by a typed parameter array and then the array
 * itself. Use this for arrays returned by the library or built with the
 * virTypedParamsAdd* calls.
 *
 * @param params   array to free (NULL is allowed)
 * @param nparams  number of entries in @p params
 */
VIREO_API void virTypedParamsFree(virTypedParameterPtr params, int nparams);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_COMMON_H */
