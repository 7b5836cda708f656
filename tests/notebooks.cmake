# The notebooks (notebooks/*.ipynb), each executed top to bottom by tests/notebooks_test.sh
# into a temporary copy, on Debian's /usr/bin/python3 kernel and this build's refrain. A
# notebook whose refrain commands are not there yet is skipped (77), as is every notebook when
# python3-nbconvert or python3-ipykernel is missing. Not in the sanitizer build: these check the
# Python side, and the commands they call are tested there by their own tests.
if(NOT REFRAIN_SANITIZE)
  function(refrain_notebook_test name)  # ARGN: the refrain commands the notebook runs
    add_test(NAME notebook_${name}
             COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/notebooks_test.sh
                     ${PROJECT_SOURCE_DIR}/notebooks/${name}.ipynb $<TARGET_FILE:refrain> ${ARGN})
    set_tests_properties(notebook_${name} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600
                         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  endfunction()
  refrain_notebook_test(1_talking_points talking-points)
  refrain_notebook_test(2_themes_and_shifts themes shifts)
  refrain_notebook_test(3_benchmarks)
endif()
