const char *says(void);
