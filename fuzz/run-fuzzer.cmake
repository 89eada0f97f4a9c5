# Runs one fuzzer for a short while over a fresh copy of its seeds (ctest calls this).
#   cmake -DFUZZER=path -DSEEDS="dir;file.txt;..." -DDICT=file|"" -DWORK=dir -DSECONDS=n -P this
# SEEDS: folders (their *.txt files are copied), seed lists fuzz/seeds/*.txt (one seed per line) or
# single files.
# The corpus grows in WORK/corpus; a crash, leak, timeout or uncaught exception leaves its input
# in WORK/ (crash-*, timeout-*, ...) and fails the test.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/corpus)
foreach(seed IN LISTS SEEDS)
  if(IS_DIRECTORY ${seed})
    file(GLOB files ${seed}/*.txt)
    file(COPY ${files} DESTINATION ${WORK}/corpus)
  elseif(seed MATCHES "/seeds/[^/]*\\.txt$")
    get_filename_component(name ${seed} NAME_WE)
    execute_process(COMMAND split -l 1 -a 4 -d ${seed} ${WORK}/corpus/${name}-
                    RESULT_VARIABLE split_status)
    if(NOT split_status EQUAL 0)
      message(FATAL_ERROR "cannot split ${seed} into seeds")
    endif()
  else()
    file(COPY ${seed} DESTINATION ${WORK}/corpus)
  endif()
endforeach()

set(args -max_total_time=${SECONDS} -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
         -artifact_prefix=${WORK}/)
if(DICT)
  list(APPEND args -dict=${DICT})
endif()
execute_process(COMMAND ${FUZZER} ${args} ${WORK}/corpus RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${FUZZER} failed (${status}); the input is in ${WORK}/: reproduce with "
                      "${FUZZER} ${WORK}/<crash-file>")
endif()
