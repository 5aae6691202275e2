# Compiler flags shared by every aetrace target, applied through aetrace_configure_target().
add_library(aetrace_build_flags INTERFACE)
if(MSVC)
  target_compile_options(aetrace_build_flags INTERFACE /W4 /permissive- /utf-8)
  if(AETRACE_WERROR)
    target_compile_options(aetrace_build_flags INTERFACE /WX)
  endif()
else()
  target_compile_options(aetrace_build_flags INTERFACE -Wall -Wextra -Wpedantic)
  if(AETRACE_WERROR)
    target_compile_options(aetrace_build_flags INTERFACE -Werror)
  endif()
  if(AETRACE_SANITIZE)
    target_compile_options(aetrace_build_flags INTERFACE
      -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(aetrace_build_flags INTERFACE -fsanitize=address,undefined)
  endif()
endif()

# aetrace_layer(NAME SOURCES... [DEPS targets...] [PRIVATE_DEPS targets...])
# Declares the static library aetrace_NAME with alias aetrace::NAME, public headers in
# <folder>/include (included as <aetrace/NAME/...>).
function(aetrace_layer name)
  cmake_parse_arguments(L "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(aetrace_${name} STATIC ${L_SOURCES})
  add_library(aetrace::${name} ALIAS aetrace_${name})
  target_include_directories(aetrace_${name} PUBLIC
    $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>)
  target_link_libraries(aetrace_${name} PUBLIC ${L_DEPS} PRIVATE aetrace_build_flags ${L_PRIVATE_DEPS})
  set_target_properties(aetrace_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()
