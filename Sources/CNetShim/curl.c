/* curl.h's type-checking macros (typecheck-gcc.h) would expand the table's own
   curl_easy_setopt and curl_easy_getinfo below: the calls are through the table, typed by the
   wrappers' own parameters. */
#define CURL_DISABLE_TYPECHECK 1
#include "cnet_shim.h"
#include "lazy.h"

/* libcurl's functions, found once by cnet_load_curl. */
static struct {
    __typeof__(&curl_global_init) curl_global_init;
    __typeof__(&curl_version) curl_version;
    __typeof__(&curl_easy_init) curl_easy_init;
    __typeof__(&curl_easy_cleanup) curl_easy_cleanup;
    __typeof__(&curl_easy_perform) curl_easy_perform;
    __typeof__(&curl_easy_strerror) curl_easy_strerror;
    __typeof__(&curl_slist_append) curl_slist_append;
    __typeof__(&curl_slist_free_all) curl_slist_free_all;
    __typeof__(&curl_easy_setopt) curl_easy_setopt;
    __typeof__(&curl_easy_getinfo) curl_easy_getinfo;
} curl_api;

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static char curl_api_error[512];

static void load_curl(void) {
    void *library = cnet_open("libcurl.so.4", curl_api_error, sizeof curl_api_error);
    if (!library) return;
    FIND(curl_api, curl_global_init);
    FIND(curl_api, curl_version);
    FIND(curl_api, curl_easy_init);
    FIND(curl_api, curl_easy_cleanup);
    FIND(curl_api, curl_easy_perform);
    FIND(curl_api, curl_easy_strerror);
    FIND(curl_api, curl_slist_append);
    FIND(curl_api, curl_slist_free_all);
    FIND(curl_api, curl_easy_setopt);
    FIND(curl_api, curl_easy_getinfo);
}

int cnet_load_curl(char *error, size_t size) {
    pthread_once(&curl_once, load_curl);
    return cnet_loaded(curl_api_error, error, size);
}

CURLcode cnet_curl_global_init(long flags) { return curl_api.curl_global_init(flags); }
char *cnet_curl_version(void) { return curl_api.curl_version(); }
CURL *cnet_curl_easy_init(void) { return curl_api.curl_easy_init(); }
void cnet_curl_easy_cleanup(CURL *curl) { curl_api.curl_easy_cleanup(curl); }
CURLcode cnet_curl_easy_perform(CURL *curl) { return curl_api.curl_easy_perform(curl); }
const char *cnet_curl_easy_strerror(CURLcode code) { return curl_api.curl_easy_strerror(code); }
struct curl_slist *cnet_curl_slist_append(struct curl_slist *list, const char *data) { return curl_api.curl_slist_append(list, data); }
void cnet_curl_slist_free_all(struct curl_slist *list) { curl_api.curl_slist_free_all(list); }

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) {
    return (curl_api.curl_easy_setopt)(handle, option, value);
}

CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return (curl_api.curl_easy_setopt)(handle, option, value);
}

CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return (curl_api.curl_easy_setopt)(handle, option, value);
}

CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return (curl_api.curl_easy_setopt)(handle, option, value);
}

CURLcode ccurl_setopt_write_function(CURL *handle, ccurl_write_callback callback) {
    return (curl_api.curl_easy_setopt)(handle, CURLOPT_WRITEFUNCTION, callback);
}

CURLcode ccurl_setopt_header_function(CURL *handle, ccurl_write_callback callback) {
    return (curl_api.curl_easy_setopt)(handle, CURLOPT_HEADERFUNCTION, callback);
}

CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return (curl_api.curl_easy_getinfo)(handle, info, value);
}

CURLcode ccurl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return (curl_api.curl_easy_getinfo)(handle, info, value);
}
