#ifndef CNET_LAZY_H
#define CNET_LAZY_H
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* Opens `name` (a soname) with its own symbols kept to itself; NULL with dlerror's reason
   written to `error`. */
static inline void *cnet_open(const char *name, char *error, size_t size) {
    void *library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!library) snprintf(error, size, "cannot load %s: %s", name, dlerror());
    return library;
}

/* Finds `name` in `library` into `table.name`, or records why not in `error` and gives up
   (a library too old for a function bangtin calls). */
#define FIND(table, name)                                                                    \
    do {                                                                                     \
        table.name = (__typeof__(table.name))dlsym(library, #name);                         \
        if (!table.name) {                                                                   \
            snprintf(table##_error, sizeof table##_error, "the library has no %s", #name);  \
            return;                                                                          \
        }                                                                                    \
    } while (0)

/* 0 when `recorded` is empty (the load succeeded), else -1 with it copied to `error`. */
static inline int cnet_loaded(const char *recorded, char *error, size_t size) {
    if (recorded[0] == 0) return 0;
    if (error && size > 0) snprintf(error, size, "%s", recorded);
    return -1;
}
#endif
