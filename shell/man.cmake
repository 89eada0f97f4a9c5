# Writes one man page with help2man from the program's own --help and --version.
#   cmake -DHELP2MAN=... -DPROGRAM=... -DINCLUDE=FILE.h2m -DSOURCE="Dateline 0.6.0" \
#         -DOUTPUT=FILE.1 -P man.cmake
# help2man runs PROGRAM; what depends on the machine it runs on (the indexer's default
# number of threads, "here 8") is taken out so the page is the same wherever it is built.
execute_process(
  COMMAND "${HELP2MAN}" --no-info "--source=${SOURCE}" "--include=${INCLUDE}" "--output=${OUTPUT}.tmp" "${PROGRAM}"
  RESULT_VARIABLE status ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  file(REMOVE "${OUTPUT}.tmp")
  message(FATAL_ERROR "help2man ${PROGRAM} failed (${status}): ${errors}")
endif()
file(READ "${OUTPUT}.tmp" page)
string(REGEX REPLACE ",[ \n]here[ \n][0-9]+\\)" ")" page "${page}")
file(WRITE "${OUTPUT}" "${page}")
file(REMOVE "${OUTPUT}.tmp")
