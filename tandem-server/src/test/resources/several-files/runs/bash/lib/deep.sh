twice() { echo $(( $1 * 2 )); }
