// Umbrella header of the abi layer.
#pragma once

#include "aetrace/abi/contract.h"
#include "aetrace/abi/cotaskmem.h"
#include "aetrace/abi/error.h"
#include "aetrace/abi/event.h"
#include "aetrace/abi/guid.h"
#include "aetrace/abi/hresult.h"
#include "aetrace/abi/inspect.h"
#include "aetrace/abi/interfaces.h"
#include "aetrace/abi/layout_asserts.h"
#include "aetrace/abi/methods.h"
#include "aetrace/abi/types.h"
#include "aetrace/abi/unknown.h"
#include "aetrace/abi/wave_format.h"
