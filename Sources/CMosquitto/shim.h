#include <mosquitto.h>
// MQTT 5 property identifiers (MQTT_PROP_MESSAGE_EXPIRY_INTERVAL, …).
#include <mqtt_protocol.h>
