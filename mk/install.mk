# make install [PREFIX=/usr/local] [DESTDIR=]: the deskprov command, the libraries (the
# runtime, libdeskprov.a; the POSIX port, libdeskprov_posix.a), their headers under
# include/deskprov, pkg-config files (deskprov: the runtime, whose port the program supplies;
# deskprov-posix: with the POSIX port and OpenSSL) and the man page.
#   make install-test   installs into a scratch DESTDIR and builds and runs a program with
#                       `pkg-config --cflags --libs deskprov-posix` against it

INSTALL ?= install
PC_IN   := $(BUILD)/pkgconfig

define DESKPROV_PC
prefix=$(PREFIX)
libdir=$${prefix}/lib
includedir=$${prefix}/include/deskprov

Name: deskprov
Description: Boot-time provisioning runtime of an IP deskphone (the port is the program's)
Version: 0.1
Cflags: -I$${includedir}
Libs: -L$${libdir} -ldeskprov
endef

define DESKPROV_POSIX_PC
prefix=$(PREFIX)
libdir=$${prefix}/lib
includedir=$${prefix}/include/deskprov

Name: deskprov-posix
Description: deskprov with its POSIX port (sockets, files as flash, OpenSSL)
Version: 0.1
Requires: deskprov
Requires.private: libssl libcrypto
Cflags: -I$${includedir}
Libs: -L$${libdir} -ldeskprov_posix -ldeskprov -lssl -lcrypto -pthread
endef
export DESKPROV_PC DESKPROV_POSIX_PC

.PHONY: install install-test
install: $(CLI) $(LIBDESKPROV) $(LIBDESKPROV_POSIX)
	$(INSTALL) -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	    $(DESTDIR)$(PREFIX)/include/deskprov $(DESTDIR)$(PREFIX)/share/man/man1
	$(INSTALL) -m 755 $(CLI) $(DESTDIR)$(PREFIX)/bin/deskprov
	$(INSTALL) -m 644 $(LIBDESKPROV) $(LIBDESKPROV_POSIX) $(DESTDIR)$(PREFIX)/lib/
	$(INSTALL) -m 644 $(RT_HDRS) runtime/port/posix/dp_posix.h $(DESTDIR)$(PREFIX)/include/deskprov/
	echo "$$DESKPROV_PC" > $(DESTDIR)$(PREFIX)/lib/pkgconfig/deskprov.pc
	echo "$$DESKPROV_POSIX_PC" > $(DESTDIR)$(PREFIX)/lib/pkgconfig/deskprov-posix.pc
	$(INSTALL) -m 644 docs/deskprov.1 $(DESTDIR)$(PREFIX)/share/man/man1/deskprov.1

install-test:
	rm -rf $(BUILD)/install-test
	$(MAKE) --no-print-directory install DESTDIR=$(abspath $(BUILD)/install-test) PREFIX=/opt/deskprov
	./tests/dist/install-test.sh $(abspath $(BUILD)/install-test) /opt/deskprov
