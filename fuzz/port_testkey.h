/* The fuzz builds' port (fuzz/port_testkey.c). */
#ifndef DP_FUZZ_PORT_TESTKEY_H
#define DP_FUZZ_PORT_TESTKEY_H
extern const unsigned char dp_fuzz_test_seed[32];
extern int dp_fuzz_sig_ok;
#endif
