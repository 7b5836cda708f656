# CTest's install_and_consume (cmake -P): installs the build in REFRAIN_BINARY_DIR into a fresh
# prefix under WORK_DIR, configures and builds examples/ against it with find_package(refrain),
# runs the example on corpus/seed and checks what it prints. The pattern of RE2's testinstall.
# EXAMPLE_LINK_FLAGS (may be empty): what the example's link needs besides the package, the
# sanitizer runtimes when the engine was built with them.
foreach(var REFRAIN_BINARY_DIR REFRAIN_SOURCE_DIR WORK_DIR CMAKE_CXX_COMPILER CMAKE_GENERATOR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "test_install.cmake: -D${var}=... is required")
  endif()
endforeach()

function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    string(REPLACE ";" " " command "${ARGV}")
    message(FATAL_ERROR "failed (${code}): ${command}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

# A clean prefix every time: nothing left from an earlier run may satisfy find_package.
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} --install ${REFRAIN_BINARY_DIR} --prefix ${prefix})
foreach(installed include/refrain/version.h include/refrain/corpus.h
                  lib/cmake/refrain/refrainConfig.cmake lib/cmake/refrain/refrainConfigVersion.cmake
                  share/refrain/en_ewt.parser share/refrain/en_ewt.parser.README.md)
  if(NOT EXISTS ${prefix}/${installed})
    message(FATAL_ERROR "not installed: ${installed}")
  endif()
endforeach()

# The example sees only the prefix: not the source tree, not the build tree, not the user's
# package registry.
set(build ${WORK_DIR}/example)
run(${CMAKE_COMMAND} -S ${REFRAIN_SOURCE_DIR}/examples -B ${build} -G ${CMAKE_GENERATOR}
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
    -DCMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER}
    -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    "-DCMAKE_EXE_LINKER_FLAGS=${EXAMPLE_LINK_FLAGS}")
# The package reports how it was built: REFRAIN_WITH_MPI as refrain_WITH_MPI.
if(DEFINED REFRAIN_WITH_MPI)
  string(FIND "${run_output}" "refrain_WITH_MPI=${REFRAIN_WITH_MPI}" found)
  if(found EQUAL -1)
    message(FATAL_ERROR "the package does not report refrain_WITH_MPI=${REFRAIN_WITH_MPI}:\n${run_output}")
  endif()
endif()
run(${CMAKE_COMMAND} --build ${build})
run(${build}/talking_points ${REFRAIN_SOURCE_DIR}/corpus/seed)

# The seed's first and last talking points, as `refrain talking-points corpus/seed` ranks them
# (tests/golden/seed/talking-points.out), and no more than its five.
set(expected
    "3 events, 2021-07-15 to 2024-07-25: jointly maintain peace and stability in the region."
    "2 events, 2021-07-15 to 2021-09-16: Russia supports China in hosting the Winter Olympics in Beijing")
foreach(line IN LISTS expected)
  string(FIND "${run_output}" "${line}" found)
  if(found EQUAL -1)
    message(FATAL_ERROR "the example's output lacks \"${line}\":\n${run_output}")
  endif()
endforeach()
string(REGEX MATCHALL "[0-9]+ events, " point_lines "${run_output}")
list(LENGTH point_lines points)
if(NOT points EQUAL 5)
  message(FATAL_ERROR "the example printed ${points} points, not the seed's 5:\n${run_output}")
endif()
message(STATUS "installed, built against the prefix, ran:\n${run_output}")
