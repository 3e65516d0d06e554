#ifndef CNET_SHIM_H
#define CNET_SHIM_H
/* libcurl and libmosquitto, loaded when first needed.
 *
 * bangtin is linked against neither: `render`, `preview`, `validate` and the other commands
 * that never touch the network do not load them and the thirty libraries they bring (about
 * 10 ms of every start, a tenth of a 1080p frame's whole run). `cnet_load_curl` and
 * `cnet_load_mosquitto` open a library once, thread-safely; each `cnet_` function below has
 * the type of, and calls, the library's function of the same name without the prefix, and may
 * be called only after its library loaded. */
#include <curl/curl.h>
#include <mosquitto.h>
/* MQTT 5 property identifiers (MQTT_PROP_MESSAGE_EXPIRY_INTERVAL, …). */
#include <mqtt_protocol.h>
#include <stddef.h>

/* Opens libcurl (libcurl.so.4) and finds its functions, once. Returns 0, or -1 with why in
   `error` (the library missing, a function not found). */
int cnet_load_curl(char *error, size_t size);
/* Opens libmosquitto (libmosquitto.so.1) and finds its functions, once. */
int cnet_load_mosquitto(char *error, size_t size);

__typeof__(curl_global_init) cnet_curl_global_init;
__typeof__(curl_version) cnet_curl_version;
__typeof__(curl_easy_init) cnet_curl_easy_init;
__typeof__(curl_easy_cleanup) cnet_curl_easy_cleanup;
__typeof__(curl_easy_perform) cnet_curl_easy_perform;
__typeof__(curl_easy_strerror) cnet_curl_easy_strerror;
__typeof__(curl_slist_append) cnet_curl_slist_append;
__typeof__(curl_slist_free_all) cnet_curl_slist_free_all;

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

__typeof__(mosquitto_lib_init) cnet_mosquitto_lib_init;
__typeof__(mosquitto_lib_version) cnet_mosquitto_lib_version;
__typeof__(mosquitto_strerror) cnet_mosquitto_strerror;
__typeof__(mosquitto_connack_string) cnet_mosquitto_connack_string;
__typeof__(mosquitto_reason_string) cnet_mosquitto_reason_string;
__typeof__(mosquitto_sub_topic_check) cnet_mosquitto_sub_topic_check;
__typeof__(mosquitto_new) cnet_mosquitto_new;
__typeof__(mosquitto_destroy) cnet_mosquitto_destroy;
__typeof__(mosquitto_threaded_set) cnet_mosquitto_threaded_set;
__typeof__(mosquitto_int_option) cnet_mosquitto_int_option;
__typeof__(mosquitto_username_pw_set) cnet_mosquitto_username_pw_set;
__typeof__(mosquitto_tls_set) cnet_mosquitto_tls_set;
__typeof__(mosquitto_tls_opts_set) cnet_mosquitto_tls_opts_set;
__typeof__(mosquitto_tls_insecure_set) cnet_mosquitto_tls_insecure_set;
__typeof__(mosquitto_connect_async) cnet_mosquitto_connect_async;
__typeof__(mosquitto_connect_bind_v5) cnet_mosquitto_connect_bind_v5;
/* Keeps MQTT 5 CONNECT `properties` (copied) for every later mosquitto_connect_async and
   mosquitto_reconnect_async of `mosq`, which must speak MQTT 5; connects nowhere. Returns a
   libmosquitto result (MOSQ_ERR_PROTOCOL: a property not allowed in CONNECT). */
int cnet_mosquitto_set_connect_properties(struct mosquitto *mosq, const mosquitto_property *properties);
__typeof__(mosquitto_reconnect_async) cnet_mosquitto_reconnect_async;
__typeof__(mosquitto_disconnect) cnet_mosquitto_disconnect;
__typeof__(mosquitto_loop) cnet_mosquitto_loop;
__typeof__(mosquitto_subscribe) cnet_mosquitto_subscribe;
__typeof__(mosquitto_publish_v5) cnet_mosquitto_publish_v5;
__typeof__(mosquitto_property_add_int32) cnet_mosquitto_property_add_int32;
__typeof__(mosquitto_property_read_int32) cnet_mosquitto_property_read_int32;
__typeof__(mosquitto_property_free_all) cnet_mosquitto_property_free_all;
__typeof__(mosquitto_connect_with_flags_callback_set) cnet_mosquitto_connect_with_flags_callback_set;
__typeof__(mosquitto_disconnect_callback_set) cnet_mosquitto_disconnect_callback_set;
__typeof__(mosquitto_log_callback_set) cnet_mosquitto_log_callback_set;
__typeof__(mosquitto_message_v5_callback_set) cnet_mosquitto_message_v5_callback_set;
__typeof__(mosquitto_publish_callback_set) cnet_mosquitto_publish_callback_set;
__typeof__(mosquitto_subscribe_callback_set) cnet_mosquitto_subscribe_callback_set;
#endif
