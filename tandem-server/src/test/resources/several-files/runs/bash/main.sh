source ./util.sh
source lib/deep.sh

echo "$(says) $(twice 21)"
