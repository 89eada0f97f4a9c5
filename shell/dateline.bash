# Bash completion for dateline-index and dateline-search.
#
#   source shell/dateline.bash        # or install it (cmake --install) as
#                                     # share/bash-completion/completions/dateline-{index,search}
#
# Option names and dateline-index's commands are read at completion time from `PROGRAM --help`,
# so they follow the programs' own definitions; the choices of --format, --sort, --within and --values
# come from `dateline-search --choices OPTION` (--values: the schema table's facets). The
# values of --source, --speaker and
# --location (and the dates of --from and --to) come from the index through
# `dateline-search --values FACET`, with the --db options already on the line (else
# $DATELINE_DB, else ./dateline.db). Values with spaces come back escaped: France\ 24, or as
# they are after an opening quote: "France 24.

# _dateline_unquote WORD: WORD as the program will see it (quotes and backslashes removed, a
# leading ~/ expanded), without evaluating anything.
_dateline_unquote() {
    local word=$1 out="" c quote="" i
    [[ $word == "~/"* ]] && word=$HOME/${word:2}
    for ((i = 0; i < ${#word}; i++)); do
        c=${word:i:1}
        if [[ -n $quote ]]; then
            if [[ $c == "$quote" ]]; then
                quote=""
            elif [[ $quote == '"' && $c == '\' && $((i + 1)) -lt ${#word} ]]; then
                ((i++))
                out+=${word:i:1}
            else
                out+=$c
            fi
        elif [[ $c == "'" || $c == '"' ]]; then
            quote=$c
        elif [[ $c == '\' && $((i + 1)) -lt ${#word} ]]; then
            ((i++))
            out+=${word:i:1}
        else
            out+=$c
        fi
    done
    printf '%s' "$out"
}

# _dateline_help PROGRAM: sets _dateline_opts (every long option), _dateline_arg_opts (those
# that take a value: "arg" or a value name such as NAME after them) and _dateline_cmds (the commands listed under "Commands:"), from --help.
_dateline_help() {
    local line name in_commands=""
    _dateline_opts=() _dateline_arg_opts=() _dateline_cmds=()
    while IFS= read -r line; do
        if [[ $line == "Commands:" ]]; then
            in_commands=1
            continue
        fi
        [[ -z $line ]] && in_commands=""
        if [[ -n $in_commands && $line =~ ^\ \ ([a-z][a-z-]*)(\ |$) ]]; then
            _dateline_cmds+=("${BASH_REMATCH[1]}")
        elif [[ $line =~ ^\ \ (-[[:alnum:]]\ \[\ )?(--[[:alnum:]][[:alnum:]-]*)(\ \])?(\ arg|\ [A-Z][A-Z_]*)? ]]; then
            name=${BASH_REMATCH[2]}
            _dateline_opts+=("$name")
            [[ -n ${BASH_REMATCH[4]} ]] && _dateline_arg_opts+=("$name")
            [[ -n ${BASH_REMATCH[1]} ]] && _dateline_short["${BASH_REMATCH[1]:0:2}"]=$name
        fi
    done < <("$1" --help 2>/dev/null)
}

# _dateline_reply CUR VALUE...: COMPREPLY = the VALUEs that start with CUR (as typed: escaped,
# or after an opening quote), quoted for the command line. Case is ignored when nothing
# matches exactly (the programs match outlets and names in any case).
_dateline_reply() {
    local cur=$1 quote="" prefix v
    shift
    case $cur in
        \'* | \"*)
            quote=${cur:0:1}
            prefix=${cur:1}
            ;;
        *) prefix=$(_dateline_unquote "$cur") ;;
    esac
    local matches=()
    for v in "$@"; do
        [[ $v == "$prefix"* ]] && matches+=("$v")
    done
    if [[ ${#matches[@]} -eq 0 ]]; then
        local lower=${prefix,,}
        for v in "$@"; do
            [[ ${v,,} == "$lower"* ]] && matches+=("$v")
        done
    fi
    COMPREPLY=()
    for v in "${matches[@]}"; do
        if [[ -n $quote ]]; then
            # Readline replaces what follows the opening quote, and closes it.
            COMPREPLY+=("$v")
        else
            COMPREPLY+=("$(printf '%q' "$v")")
        fi
    done
}

# _dateline_files CUR: file and folder names (readline quotes them and adds the slashes).
_dateline_files() {
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    COMPREPLY=($(compgen -f -- "$(_dateline_unquote "$1")"))
}

_dateline() {
    local words=() cword=0 split="" i
    # With "=" in COMP_WORDBREAKS (the default) --opt=value comes as --opt, =, value: join them
    # back; readline then replaces only the value.
    for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
        if [[ ${COMP_WORDS[i]} == "=" && ${#words[@]} -gt 1 && ${words[-1]} == --* &&
            ${words[-1]} != *=* ]]; then
            words[-1]+="="
            split=1
            if ((i + 1 < ${#COMP_WORDS[@]} && i + 1 <= COMP_CWORD)); then
                ((i++))
                words[-1]+=${COMP_WORDS[i]}
            fi
        else
            words+=("${COMP_WORDS[i]}")
        fi
        ((i <= COMP_CWORD)) && cword=$((${#words[@]} - 1))
    done
    local cur=${words[cword]} prefix=""
    if [[ $cur == --*=* ]]; then
        prefix=${cur%%=*}=
        cur=${cur#*=}
    fi

    local program
    program=$(_dateline_unquote "${words[0]}")
    local kind=search
    [[ ${program##*/} == *index* ]] && kind=index

    local _dateline_opts _dateline_arg_opts _dateline_cmds
    local -A _dateline_short=()
    _dateline_help "$program"

    # What the words before the cursor say: the option whose value this is, the --db values,
    # the command, whether -- ended the options.
    local option="" command="" ended="" w takes o
    local dbs=()
    for ((i = 1; i < cword; i++)); do
        w=${words[i]}
        if [[ -n $ended ]]; then
            [[ -z $command ]] && command=$w
            continue
        fi
        [[ $w == "--" ]] && ended=1 && continue
        if [[ $w == --*=* ]]; then
            [[ ${w%%=*} == --db ]] && dbs+=(--db "$(_dateline_unquote "${w#*=}")")
            continue
        fi
        if [[ $w == -* ]]; then
            [[ -n ${_dateline_short[$w]-} ]] && w=${_dateline_short[$w]}
            takes=""
            for o in "${_dateline_arg_opts[@]}"; do [[ $o == "$w" ]] && takes=1; done
            if [[ -n $takes ]]; then
                if ((i + 1 == cword)); then
                    option=$w
                elif ((i + 1 < cword)); then
                    ((i++))
                    [[ $w == --db ]] && dbs+=(--db "$(_dateline_unquote "${words[i]}")")
                fi
            fi
            continue
        fi
        [[ -z $command ]] && command=$w
    done
    [[ -n $prefix ]] && option=${prefix%=}
    # --db given after the cursor counts too.
    for ((i = cword + 1; i < ${#words[@]}; i++)); do
        if [[ ${words[i]} == --db ]] && ((i + 1 < ${#words[@]})); then
            dbs+=(--db "$(_dateline_unquote "${words[i + 1]}")")
        elif [[ ${words[i]} == --db=* ]]; then
            dbs+=(--db "$(_dateline_unquote "${words[i]#--db=}")")
        fi
    done

    COMPREPLY=()
    if [[ -n $option ]]; then
        local values=() search=$program
        [[ $kind == index ]] && search=dateline-search
        case $option in
            --db) _dateline_files "$cur" ;;
            --format | --sort | --values | --within | --color | --date-bucket)
                # The choices as the program defines them (--values: the schema's facets).
                mapfile -t values < <("$search" --choices "$option" 2>/dev/null)
                _dateline_reply "$cur" "${values[@]}"
                ;;
            --source | --speaker | --location | --from | --to)
                local facet=${option#--}
                [[ $facet == from || $facet == to ]] && facet=date
                mapfile -t values < <("$search" --values "$facet" "${dbs[@]}" 2>/dev/null)
                _dateline_reply "$cur" "${values[@]}"
                ;;
        esac
        if [[ -n $prefix && -z $split ]]; then
            for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]=$prefix${COMPREPLY[i]}; done
        fi
        return 0
    fi
    if [[ -z $ended && $cur == -* ]]; then
        _dateline_reply "$cur" "${_dateline_opts[@]}"
        return 0
    fi
    if [[ $kind == index ]]; then
        if [[ -z $command ]]; then
            [[ ${#_dateline_cmds[@]} -eq 0 ]] &&
                _dateline_cmds=(build update add remove import check)
            _dateline_reply "$cur" "${_dateline_cmds[@]}"
        elif [[ $command != remove ]]; then
            # build, update, add, import, check: folders and article or JSON Lines files.
            _dateline_files "$cur"
        fi
    fi
    # dateline-search: the query is free text.
    return 0
}

complete -F _dateline dateline-index dateline-search
