/* version.h: the release both programs report with --version. */
#ifndef TRACUU_VERSION_H
#define TRACUU_VERSION_H

#define TRACUU_VERSION "0.1.0"

#endif
