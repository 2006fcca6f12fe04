# fl_find_test_python(<var> [<imports>]): a Python 3 with numpy, scipy and pytest (or with the
# comma-separated module list <imports>, e.g. "numpy, scipy, pytest, mpi4py") for the tests that
# run Python (the binding's suite, the doc-block test, fastlinalg.mpi), or "" with a status message. The
# interpreter found by the top level (find_package(Python3)) is used when it has them,
# otherwise the first python3 on a short list that does; FL_PYTHON_EXECUTABLE overrides.
set(FL_PYTHON_EXECUTABLE "" CACHE FILEPATH "Python 3 with numpy, scipy and pytest for the tests")

function(fl_find_test_python out)
  set(imports "numpy, scipy, pytest")
  if(ARGC GREATER 1)
    set(imports "${ARGV1}")
  endif()
  set(candidates ${FL_PYTHON_EXECUTABLE})
  if(Python3_Interpreter_FOUND OR Python3_EXECUTABLE)
    list(APPEND candidates ${Python3_EXECUTABLE})
  endif()
  find_program(_fl_system_python3 NAMES python3 PATHS /usr/bin /usr/local/bin NO_DEFAULT_PATH)
  if(_fl_system_python3)
    list(APPEND candidates ${_fl_system_python3})
  endif()
  list(REMOVE_DUPLICATES candidates)
  foreach(py IN LISTS candidates)
    execute_process(COMMAND ${py} -c "import ${imports}"
                    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
    if(rc EQUAL 0)
      set(${out} ${py} PARENT_SCOPE)
      return()
    endif()
  endforeach()
  message(STATUS "No python3 that imports ${imports} (tried: ${candidates}); "
                 "set FL_PYTHON_EXECUTABLE to enable the Python tests")
  set(${out} "" PARENT_SCOPE)
endfunction()
