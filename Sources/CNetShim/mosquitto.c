#include "cnet_shim.h"
#include "lazy.h"

/* libmosquitto's functions, found once by cnet_load_mosquitto. */
static struct {
    __typeof__(&mosquitto_lib_init) mosquitto_lib_init;
    __typeof__(&mosquitto_lib_version) mosquitto_lib_version;
    __typeof__(&mosquitto_strerror) mosquitto_strerror;
    __typeof__(&mosquitto_connack_string) mosquitto_connack_string;
    __typeof__(&mosquitto_reason_string) mosquitto_reason_string;
    __typeof__(&mosquitto_sub_topic_check) mosquitto_sub_topic_check;
    __typeof__(&mosquitto_new) mosquitto_new;
    __typeof__(&mosquitto_destroy) mosquitto_destroy;
    __typeof__(&mosquitto_threaded_set) mosquitto_threaded_set;
    __typeof__(&mosquitto_int_option) mosquitto_int_option;
    __typeof__(&mosquitto_username_pw_set) mosquitto_username_pw_set;
    __typeof__(&mosquitto_tls_set) mosquitto_tls_set;
    __typeof__(&mosquitto_tls_opts_set) mosquitto_tls_opts_set;
    __typeof__(&mosquitto_tls_insecure_set) mosquitto_tls_insecure_set;
    __typeof__(&mosquitto_connect_async) mosquitto_connect_async;
    __typeof__(&mosquitto_connect_bind_v5) mosquitto_connect_bind_v5;
    __typeof__(&mosquitto_reconnect_async) mosquitto_reconnect_async;
    __typeof__(&mosquitto_disconnect) mosquitto_disconnect;
    __typeof__(&mosquitto_loop) mosquitto_loop;
    __typeof__(&mosquitto_subscribe) mosquitto_subscribe;
    __typeof__(&mosquitto_publish_v5) mosquitto_publish_v5;
    __typeof__(&mosquitto_property_add_int32) mosquitto_property_add_int32;
    __typeof__(&mosquitto_property_read_int32) mosquitto_property_read_int32;
    __typeof__(&mosquitto_property_free_all) mosquitto_property_free_all;
    __typeof__(&mosquitto_connect_with_flags_callback_set) mosquitto_connect_with_flags_callback_set;
    __typeof__(&mosquitto_disconnect_callback_set) mosquitto_disconnect_callback_set;
    __typeof__(&mosquitto_log_callback_set) mosquitto_log_callback_set;
    __typeof__(&mosquitto_message_v5_callback_set) mosquitto_message_v5_callback_set;
    __typeof__(&mosquitto_publish_callback_set) mosquitto_publish_callback_set;
    __typeof__(&mosquitto_subscribe_callback_set) mosquitto_subscribe_callback_set;
} mosquitto_api;

static pthread_once_t mosquitto_once = PTHREAD_ONCE_INIT;
static char mosquitto_api_error[512];

static void load_mosquitto(void) {
    void *library = cnet_open("libmosquitto.so.1", mosquitto_api_error, sizeof mosquitto_api_error);
    if (!library) return;
    FIND(mosquitto_api, mosquitto_lib_init);
    FIND(mosquitto_api, mosquitto_lib_version);
    FIND(mosquitto_api, mosquitto_strerror);
    FIND(mosquitto_api, mosquitto_connack_string);
    FIND(mosquitto_api, mosquitto_reason_string);
    FIND(mosquitto_api, mosquitto_sub_topic_check);
    FIND(mosquitto_api, mosquitto_new);
    FIND(mosquitto_api, mosquitto_destroy);
    FIND(mosquitto_api, mosquitto_threaded_set);
    FIND(mosquitto_api, mosquitto_int_option);
    FIND(mosquitto_api, mosquitto_username_pw_set);
    FIND(mosquitto_api, mosquitto_tls_set);
    FIND(mosquitto_api, mosquitto_tls_opts_set);
    FIND(mosquitto_api, mosquitto_tls_insecure_set);
    FIND(mosquitto_api, mosquitto_connect_async);
    FIND(mosquitto_api, mosquitto_connect_bind_v5);
    FIND(mosquitto_api, mosquitto_reconnect_async);
    FIND(mosquitto_api, mosquitto_disconnect);
    FIND(mosquitto_api, mosquitto_loop);
    FIND(mosquitto_api, mosquitto_subscribe);
    FIND(mosquitto_api, mosquitto_publish_v5);
    FIND(mosquitto_api, mosquitto_property_add_int32);
    FIND(mosquitto_api, mosquitto_property_read_int32);
    FIND(mosquitto_api, mosquitto_property_free_all);
    FIND(mosquitto_api, mosquitto_connect_with_flags_callback_set);
    FIND(mosquitto_api, mosquitto_disconnect_callback_set);
    FIND(mosquitto_api, mosquitto_log_callback_set);
    FIND(mosquitto_api, mosquitto_message_v5_callback_set);
    FIND(mosquitto_api, mosquitto_publish_callback_set);
    FIND(mosquitto_api, mosquitto_subscribe_callback_set);
}

int cnet_load_mosquitto(char *error, size_t size) {
    pthread_once(&mosquitto_once, load_mosquitto);
    return cnet_loaded(mosquitto_api_error, error, size);
}

int cnet_mosquitto_lib_init(void) { return mosquitto_api.mosquitto_lib_init(); }
int cnet_mosquitto_lib_version(int *major, int *minor, int *revision) { return mosquitto_api.mosquitto_lib_version(major, minor, revision); }
const char *cnet_mosquitto_strerror(int mosq_errno) { return mosquitto_api.mosquitto_strerror(mosq_errno); }
const char *cnet_mosquitto_connack_string(int connack_code) { return mosquitto_api.mosquitto_connack_string(connack_code); }
const char *cnet_mosquitto_reason_string(int reason_code) { return mosquitto_api.mosquitto_reason_string(reason_code); }
int cnet_mosquitto_sub_topic_check(const char *topic) { return mosquitto_api.mosquitto_sub_topic_check(topic); }
struct mosquitto *cnet_mosquitto_new(const char *id, _Bool clean_session, void *obj) { return mosquitto_api.mosquitto_new(id, clean_session, obj); }
void cnet_mosquitto_destroy(struct mosquitto *mosq) { mosquitto_api.mosquitto_destroy(mosq); }
int cnet_mosquitto_threaded_set(struct mosquitto *mosq, _Bool threaded) { return mosquitto_api.mosquitto_threaded_set(mosq, threaded); }
int cnet_mosquitto_int_option(struct mosquitto *mosq, enum mosq_opt_t option, int value) { return mosquitto_api.mosquitto_int_option(mosq, option, value); }
int cnet_mosquitto_username_pw_set(struct mosquitto *mosq, const char *username, const char *password) { return mosquitto_api.mosquitto_username_pw_set(mosq, username, password); }
int cnet_mosquitto_tls_set(struct mosquitto *mosq, const char *cafile, const char *capath, const char *certfile, const char *keyfile, int (*pw_callback)(char *, int, int, void *)) { return mosquitto_api.mosquitto_tls_set(mosq, cafile, capath, certfile, keyfile, pw_callback); }
int cnet_mosquitto_tls_opts_set(struct mosquitto *mosq, int cert_reqs, const char *tls_version, const char *ciphers) { return mosquitto_api.mosquitto_tls_opts_set(mosq, cert_reqs, tls_version, ciphers); }
int cnet_mosquitto_tls_insecure_set(struct mosquitto *mosq, _Bool value) { return mosquitto_api.mosquitto_tls_insecure_set(mosq, value); }
int cnet_mosquitto_connect_async(struct mosquitto *mosq, const char *host, int port, int keepalive) { return mosquitto_api.mosquitto_connect_async(mosq, host, port, keepalive); }
int cnet_mosquitto_connect_bind_v5(struct mosquitto *mosq, const char *host, int port, int keepalive, const char *bind_address, const mosquitto_property *properties) { return mosquitto_api.mosquitto_connect_bind_v5(mosq, host, port, keepalive, bind_address, properties); }
int cnet_mosquitto_set_connect_properties(struct mosquitto *mosq, const mosquitto_property *properties) {
    /* libmosquitto 2.0 gives CONNECT properties to no asynchronous connect: only
       mosquitto_connect_bind_v5 keeps a copy, for this and every later (re)connect, and it does
       so before it looks at the host. Called with none, it keeps them, connects nowhere and
       says MOSQ_ERR_INVAL; mosquitto_connect_async and mosquitto_reconnect_async then send them. */
    int code = mosquitto_api.mosquitto_connect_bind_v5(mosq, NULL, 0, 0, NULL, properties);
    return code == MOSQ_ERR_INVAL ? MOSQ_ERR_SUCCESS : code;
}
int cnet_mosquitto_reconnect_async(struct mosquitto *mosq) { return mosquitto_api.mosquitto_reconnect_async(mosq); }
int cnet_mosquitto_disconnect(struct mosquitto *mosq) { return mosquitto_api.mosquitto_disconnect(mosq); }
int cnet_mosquitto_loop(struct mosquitto *mosq, int timeout, int max_packets) { return mosquitto_api.mosquitto_loop(mosq, timeout, max_packets); }
int cnet_mosquitto_subscribe(struct mosquitto *mosq, int *mid, const char *sub, int qos) { return mosquitto_api.mosquitto_subscribe(mosq, mid, sub, qos); }
int cnet_mosquitto_publish_v5(struct mosquitto *mosq, int *mid, const char *topic, int payloadlen, const void *payload, int qos, _Bool retain, const mosquitto_property *properties) { return mosquitto_api.mosquitto_publish_v5(mosq, mid, topic, payloadlen, payload, qos, retain, properties); }
int cnet_mosquitto_property_add_int32(mosquitto_property **proplist, int identifier, uint32_t value) { return mosquitto_api.mosquitto_property_add_int32(proplist, identifier, value); }
const mosquitto_property *cnet_mosquitto_property_read_int32(const mosquitto_property *proplist, int identifier, uint32_t *value, _Bool skip_first) { return mosquitto_api.mosquitto_property_read_int32(proplist, identifier, value, skip_first); }
void cnet_mosquitto_property_free_all(mosquitto_property **properties) { mosquitto_api.mosquitto_property_free_all(properties); }
void cnet_mosquitto_connect_with_flags_callback_set(struct mosquitto *mosq, void (*on_connect)(struct mosquitto *, void *, int, int)) { mosquitto_api.mosquitto_connect_with_flags_callback_set(mosq, on_connect); }
void cnet_mosquitto_disconnect_callback_set(struct mosquitto *mosq, void (*on_disconnect)(struct mosquitto *, void *, int)) { mosquitto_api.mosquitto_disconnect_callback_set(mosq, on_disconnect); }
void cnet_mosquitto_log_callback_set(struct mosquitto *mosq, void (*on_log)(struct mosquitto *, void *, int, const char *)) { mosquitto_api.mosquitto_log_callback_set(mosq, on_log); }
void cnet_mosquitto_message_v5_callback_set(struct mosquitto *mosq, void (*on_message)(struct mosquitto *, void *, const struct mosquitto_message *, const mosquitto_property *)) { mosquitto_api.mosquitto_message_v5_callback_set(mosq, on_message); }
void cnet_mosquitto_publish_callback_set(struct mosquitto *mosq, void (*on_publish)(struct mosquitto *, void *, int)) { mosquitto_api.mosquitto_publish_callback_set(mosq, on_publish); }
void cnet_mosquitto_subscribe_callback_set(struct mosquitto *mosq, void (*on_subscribe)(struct mosquitto *, void *, int, int, const int *)) { mosquitto_api.mosquitto_subscribe_callback_set(mosq, on_subscribe); }
