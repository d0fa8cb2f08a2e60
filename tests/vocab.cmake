# vocab.cmake -- the plan format's one vocabulary (docs/plan.schema.json's x-hogo words).
# Included from tests/CMakeLists.txt.
#
#   vocab.gaps   every property, enum value and topic has a Japanese and an English word,
#                and no English word or description carries an internal note
#                (tests/vocab/vocab_check.py).
find_program(HOGO_VOCAB_PYTHON3 NAMES python3)
if(HOGO_VOCAB_PYTHON3)
  add_test(NAME vocab.gaps
    COMMAND ${HOGO_VOCAB_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/vocab/vocab_check.py ${CMAKE_SOURCE_DIR})
else()
  add_test(NAME vocab.gaps COMMAND sh -c "echo 'SKIP: no python3 found'; exit 77")
endif()
set_tests_properties(vocab.gaps PROPERTIES SKIP_RETURN_CODE 77 LABELS "vocab;docs")

#   docs.vocab-current  the field and choice tables of docs/plan-format.md and docs/plan-guide.md
#                equal what docs/plan.schema.json gives now (tests/vocab/vocab_docs.py);
#                regenerate them with
#                  cmake --build build --target vocab-docs
if(HOGO_VOCAB_PYTHON3)
  add_custom_target(vocab-docs
    COMMAND ${HOGO_VOCAB_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/vocab/vocab_docs.py ${CMAKE_SOURCE_DIR} write
    COMMENT "Generating the field and choice tables of docs/plan-format.md and docs/plan-guide.md"
    VERBATIM)
  add_test(NAME docs.vocab-current
    COMMAND ${HOGO_VOCAB_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/vocab/vocab_docs.py ${CMAKE_SOURCE_DIR} check)
else()
  add_test(NAME docs.vocab-current COMMAND sh -c "echo 'SKIP: no python3 found'; exit 77")
endif()
set_tests_properties(docs.vocab-current PROPERTIES SKIP_RETURN_CODE 77 LABELS "vocab;docs")
