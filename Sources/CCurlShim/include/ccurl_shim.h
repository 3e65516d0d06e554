#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H
#include <curl/curl.h>
#include <stddef.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic and do not import into Swift: one typed
   function per argument kind. */
CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value);

/* The body (CURLOPT_WRITEFUNCTION) and header (CURLOPT_HEADERFUNCTION) callbacks share one
   shape. */
typedef size_t (*ccurl_write_callback)(char *data, size_t size, size_t count, void *userdata);
CURLcode ccurl_setopt_write_function(CURL *handle, ccurl_write_callback callback);
CURLcode ccurl_setopt_header_function(CURL *handle, ccurl_write_callback callback);

CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode ccurl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
#endif
