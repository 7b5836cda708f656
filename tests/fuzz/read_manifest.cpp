// libFuzzer target: any bytes as a manifest, read both as manifest.csv and as MANIFEST.tsv.
// Rows name files under tests/data/themes (only checked to exist, never written), so that
// rows which parse get as far as the date, the duplicate check and the metadata.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "read/manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::filesystem::path root = REFRAIN_FUZZ_MANIFEST_ROOT;
  (void)refrain::internal::ParseManifest(text, root, "manifest.csv");
  (void)refrain::internal::ParseManifest(text, root, "MANIFEST.tsv");
  return 0;
}
