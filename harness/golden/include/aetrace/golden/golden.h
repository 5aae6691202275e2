// The golden layer in one include: Golden values, golden files, golden comparison, call digest.
#pragma once

#include "aetrace/golden/call_digest.h"
#include "aetrace/golden/compare.h"
#include "aetrace/golden/golden_file.h"
#include "aetrace/golden/values.h"
