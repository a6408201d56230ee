#ifndef UTIL_H
#define UTIL_H
const char *says(void);
#endif
