// Debian installs OpenBLAS's cblas.h under an include path that pkg-config names (openblas-pthread/);
// including it through this shim lets the module map stay independent of that path.
#include <cblas.h>
