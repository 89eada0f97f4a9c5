// Include in exactly one .cpp of each program that runs Xapian's Database::check in-process
// (dateline-index, the unit tests).
//
// libxapian 1.4.22's Database::check deletes each GlassTableCheck through an
// AutoPtr<GlassTable>, whose destructor is not virtual: a sized delete of 432 bytes for a
// 440-byte object. Harmless with glibc's allocator, but AddressSanitizer stops the program
// there, in code we cannot change; sanitizer builds let that one kind of report pass.
#pragma once

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DATELINE_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(DATELINE_ASAN)
extern "C" const char* __asan_default_options() { return "new_delete_type_mismatch=0"; }
#endif
